package dev.turnstile.registration;

import static dev.turnstile.common.Patch.or;

import dev.turnstile.common.Check;
import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.TicketTypeRepository;
import java.util.Locale;
import java.util.UUID;

/**
 * Changes a promo code (admins and owners): deactivate it, move its window, raise its limit. The
 * limit cannot drop below the uses already made, and registrations already made keep their price.
 */
public final class UpdatePromoCode {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final PromoCodeRepository promoCodes;

    public UpdatePromoCode(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes,
                           PromoCodeRepository promoCodes) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.promoCodes = promoCodes;
    }

    public PromoCode update(Principal caller, UUID orgId, UUID eventId, UUID promoCodeId, PromoCode.Details changes) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            PromoCode p = promoCodes.find(eventId, promoCodeId).orElseThrow(() -> new NotFound("promo code", promoCodeId));
            PromoCode.Details merged = new PromoCode.Details(
                    changes.code() == null ? p.code() : changes.code().strip().toUpperCase(Locale.ROOT),
                    or(changes.kind(), p.kind()),
                    changes.kind() != null ? changes.percentOff() : or(changes.percentOff(), p.percentOff()),
                    changes.kind() != null ? changes.amountOffMinor() : or(changes.amountOffMinor(), p.amountOffMinor()),
                    or(changes.ticketTypeIds(), p.ticketTypeIds()), or(changes.usageLimit(), p.usageLimit()),
                    or(changes.validFrom(), p.validFrom()), or(changes.validUntil(), p.validUntil()),
                    or(changes.active(), p.active()));
            PromoCodeRules.validate(merged, ticketTypes.listForEvent(eventId));
            new Check().require(merged.usageLimit() == null || merged.usageLimit() >= p.timesUsed(), "usageLimit",
                    "must be at least " + p.timesUsed() + ", the uses already made").orThrow();
            promoCodes.update(new PromoCode(p.id(), eventId, merged.code(), merged.kind(), merged.percentOff(),
                    merged.amountOffMinor(), merged.ticketTypeIds(), merged.usageLimit(), p.timesUsed(),
                    merged.validFrom(), merged.validUntil(), merged.active(), p.createdAt(), p.updatedAt()));
            return promoCodes.find(eventId, promoCodeId).orElseThrow();
        });
    }
}
