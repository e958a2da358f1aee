package dev.turnstile.session;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.time.Clock;
import java.util.UUID;

/**
 * Cancels a session (admins and owners). The session stays in the programme, marked cancelled,
 * so attendees see what happened; cancelling twice changes nothing.
 */
public final class CancelSession {

    private final OrgAccess access;
    private final EventRepository events;
    private final SessionRepository sessions;
    private final Clock clock;

    public CancelSession(OrgAccess access, EventRepository events, SessionRepository sessions, Clock clock) {
        this.access = access;
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    public Session cancel(Principal caller, UUID orgId, UUID eventId, UUID sessionId) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            Session s = sessions.find(eventId, sessionId).orElseThrow(() -> new NotFound("session", sessionId));
            if (s.status() == SessionStatus.SCHEDULED) {
                sessions.update(new Session(s.id(), s.orgId(), s.eventId(), s.title(), s.description(), s.room(),
                        s.startsAt(), s.endsAt(), s.capacity(), s.tags(), s.attachments(), SessionStatus.CANCELLED,
                        clock.instant(), s.speakers(), s.createdAt(), s.updatedAt()));
            }
            return sessions.find(eventId, sessionId).orElseThrow();
        });
    }
}
