package dev.turnstile.event;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** One event of an organization, in any status (staff and above). */
public final class GetEvent {

    private final OrgAccess access;
    private final EventRepository events;

    public GetEvent(OrgAccess access, EventRepository events) {
        this.access = access;
        this.events = events;
    }

    public Event get(Principal caller, UUID orgId, UUID eventId) {
        return access.read(caller, orgId, Role.STAFF,
                () -> events.find(eventId).orElseThrow(() -> new NotFound("event", eventId)));
    }
}
