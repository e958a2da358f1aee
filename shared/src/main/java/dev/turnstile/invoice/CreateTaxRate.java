package dev.turnstile.invoice;

import dev.turnstile.common.Check;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.registration.TaxRate;
import dev.turnstile.registration.TaxRateRepository;
import dev.turnstile.tenancy.OrgAccess;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

/**
 * An organization's admin adds a tax rate: a name, a percentage with at most four decimals (kept
 * exactly, as parts per million) and whether prices include it.
 */
public final class CreateTaxRate {

    /** @param percent e.g. 19 or 8.875; @param inclusive true: prices contain the tax */
    public record Command(String name, BigDecimal percent, Boolean inclusive) {
    }

    private final OrgAccess access;
    private final TaxRateRepository taxRates;
    private final Clock clock;

    public CreateTaxRate(OrgAccess access, TaxRateRepository taxRates, Clock clock) {
        this.access = access;
        this.taxRates = taxRates;
        this.clock = clock;
    }

    public TaxRate create(Principal caller, UUID orgId, Command command) {
        Check check = new Check();
        check.require(command.name() != null && !command.name().isBlank() && command.name().strip().length() <= 100,
                "name", "must be 1 to 100 characters");
        check.require(command.percent() != null && command.percent().signum() >= 0
                        && command.percent().compareTo(BigDecimal.valueOf(100)) <= 0
                        && command.percent().stripTrailingZeros().scale() <= 4,
                "percent", "must be a number from 0 to 100 with at most four decimals");
        check.require(command.inclusive() != null, "inclusive", "must say whether prices include the tax");
        check.orThrow();
        int ppm = command.percent().movePointRight(4).intValueExact();
        return access.write(caller, orgId, Role.ADMIN, () -> {
            TaxRate rate = new TaxRate(UUID.randomUUID(), orgId, command.name().strip(), ppm, command.inclusive(),
                    clock.instant());
            taxRates.insert(rate);
            return rate;
        });
    }
}
