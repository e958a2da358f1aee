package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

/** An event's promo codes with their use counts (admins and owners: codes are as good as money). */
public final class ListPromoCodes {

    private final OrgAccess access;
    private final EventRepository events;
    private final PromoCodeRepository promoCodes;

    public ListPromoCodes(OrgAccess access, EventRepository events, PromoCodeRepository promoCodes) {
        this.access = access;
        this.events = events;
        this.promoCodes = promoCodes;
    }

    public List<PromoCode> list(Principal caller, UUID orgId, UUID eventId) {
        return access.read(caller, orgId, Role.ADMIN, () -> {
            events.find(eventId).orElseThrow(() -> new NotFound("event", eventId));
            return promoCodes.listForEvent(eventId);
        });
    }
}
