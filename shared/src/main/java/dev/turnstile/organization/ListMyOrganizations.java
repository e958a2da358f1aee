package dev.turnstile.organization;

import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.List;

/** The organizations the caller belongs to, with their role in each: the organization switcher. */
public final class ListMyOrganizations {

    private final Transactions transactions;
    private final OrganizationRepository organizations;

    public ListMyOrganizations(Transactions transactions, OrganizationRepository organizations) {
        this.transactions = transactions;
        this.organizations = organizations;
    }

    public List<Membership> list(Principal caller) {
        return transactions.read(TenantContext.user(caller.userId()),
                () -> organizations.listForUser(caller.userId()));
    }
}
