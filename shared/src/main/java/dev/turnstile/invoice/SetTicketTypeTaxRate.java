package dev.turnstile.invoice;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.registration.TaxRate;
import dev.turnstile.registration.TaxRateRepository;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/**
 * An admin sets which tax rate a ticket type charges (or none). Tickets bought already keep the
 * tax they were bought with; the change applies to the next ones.
 */
public final class SetTicketTypeTaxRate {

    /** @param taxRateId null: no tax */
    public record Command(UUID taxRateId) {
    }

    /** The ticket type and the rate it charges now (null: none). */
    public record Assigned(UUID ticketTypeId, TaxRate taxRate) {
    }

    private final OrgAccess access;
    private final TaxRateRepository taxRates;

    public SetTicketTypeTaxRate(OrgAccess access, TaxRateRepository taxRates) {
        this.access = access;
        this.taxRates = taxRates;
    }

    public Assigned set(Principal caller, UUID orgId, UUID eventId, UUID ticketTypeId, Command command) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            TaxRate rate = command.taxRateId() == null ? null : taxRates.find(command.taxRateId())
                    .orElseThrow(() -> new NotFound("tax rate", command.taxRateId()));
            if (!taxRates.assign(eventId, ticketTypeId, rate == null ? null : rate.id())) {
                throw new NotFound("ticket type", ticketTypeId);
            }
            return new Assigned(ticketTypeId, rate);
        });
    }
}
