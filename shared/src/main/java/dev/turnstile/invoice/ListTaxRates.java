package dev.turnstile.invoice;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.registration.TaxRate;
import dev.turnstile.registration.TaxRateRepository;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

/** An organization's tax rates, for its staff and above. */
public final class ListTaxRates {

    private final OrgAccess access;
    private final TaxRateRepository taxRates;

    public ListTaxRates(OrgAccess access, TaxRateRepository taxRates) {
        this.access = access;
        this.taxRates = taxRates;
    }

    public List<TaxRate> list(Principal caller, UUID orgId) {
        return access.read(caller, orgId, Role.STAFF, taxRates::list);
    }
}
