package dev.turnstile.ticketcode;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

/** An event's public signing keys, active and retired, for offline verification (staff and above). */
public final class ListSigningKeys {

    private final OrgAccess access;
    private final EventRepository events;
    private final SigningKeyRepository keys;

    public ListSigningKeys(OrgAccess access, EventRepository events, SigningKeyRepository keys) {
        this.access = access;
        this.events = events;
        this.keys = keys;
    }

    public List<PublicKeyView> list(Principal caller, UUID orgId, UUID eventId) {
        return access.read(caller, orgId, Role.STAFF, () -> {
            events.find(eventId).orElseThrow(() -> new NotFound("event", eventId));
            return keys.listForEvent(eventId).stream().map(PublicKeyView::of).toList();
        });
    }
}
