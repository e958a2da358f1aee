package dev.turnstile.session;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

/** An event's programme in time order, cancelled sessions included (staff and above). */
public final class ListSessions {

    private final OrgAccess access;
    private final EventRepository events;
    private final SessionRepository sessions;

    public ListSessions(OrgAccess access, EventRepository events, SessionRepository sessions) {
        this.access = access;
        this.events = events;
        this.sessions = sessions;
    }

    public List<Session> list(Principal caller, UUID orgId, UUID eventId) {
        return access.read(caller, orgId, Role.STAFF, () -> {
            events.find(eventId).orElseThrow(() -> new NotFound("event", eventId));
            return sessions.listForEvent(eventId);
        });
    }
}
