package dev.turnstile.registration;

import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.TicketTypeRepository;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Creates a promo code for an event (admins and owners). Codes are case-insensitive, stored upper-case. */
public final class CreatePromoCode {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final PromoCodeRepository promoCodes;
    private final Clock clock;

    public CreatePromoCode(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes,
                           PromoCodeRepository promoCodes, Clock clock) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.promoCodes = promoCodes;
        this.clock = clock;
    }

    public PromoCode create(Principal caller, UUID orgId, UUID eventId, PromoCode.Details requested) {
        PromoCode.Details d = new PromoCode.Details(
                requested.code() == null ? null : requested.code().strip().toUpperCase(Locale.ROOT), requested.kind(),
                requested.percentOff(), requested.amountOffMinor(), requested.ticketTypeIds(), requested.usageLimit(),
                requested.validFrom(), requested.validUntil(), requested.active());
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            PromoCodeRules.validate(d, ticketTypes.listForEvent(eventId));
            var now = clock.instant();
            PromoCode code = new PromoCode(UUID.randomUUID(), eventId, d.code(), d.kind(), d.percentOff(),
                    d.amountOffMinor(), d.ticketTypeIds() == null ? List.of() : d.ticketTypeIds(), d.usageLimit(), 0,
                    d.validFrom(), d.validUntil(), d.active() == null || d.active(), now, now);
            promoCodes.insert(orgId, code);
            return promoCodes.find(eventId, code.id()).orElseThrow();
        });
    }
}
