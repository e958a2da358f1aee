package dev.turnstile.session;

import static dev.turnstile.common.Patch.or;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.event.Event;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** Changes a scheduled session (admins and owners). Fields left null keep their value. */
public final class UpdateSession {

    private final OrgAccess access;
    private final EventRepository events;
    private final SessionRepository sessions;

    public UpdateSession(OrgAccess access, EventRepository events, SessionRepository sessions) {
        this.access = access;
        this.events = events;
        this.sessions = sessions;
    }

    public Session update(Principal caller, UUID orgId, UUID eventId, UUID sessionId, Session.Details changes) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Event event = events.requireEditable(eventId);
            Session current = sessions.find(eventId, sessionId).orElseThrow(() -> new NotFound("session", sessionId));
            if (current.status() == SessionStatus.CANCELLED) {
                throw new Conflict("session_cancelled", "The session is cancelled and can no longer be changed");
            }
            Session.Details merged = new Session.Details(
                    or(changes.title(), current.title()),
                    or(changes.description(), current.description()),
                    or(changes.room(), current.room()),
                    or(changes.startsAt(), current.startsAt()),
                    or(changes.endsAt(), current.endsAt()),
                    or(changes.capacity(), current.capacity()),
                    or(changes.tags(), current.tags()),
                    or(changes.attachments(), current.attachments()));
            SessionRules.validate(merged, event);
            sessions.update(current.with(merged));
            return sessions.find(eventId, sessionId).orElseThrow();
        });
    }
}
