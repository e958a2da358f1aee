package dev.turnstile.session;

import dev.turnstile.event.Event;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Adds a session to an event's programme (admins and owners). */
public final class CreateSession {

    private final OrgAccess access;
    private final EventRepository events;
    private final SessionRepository sessions;
    private final Clock clock;

    public CreateSession(OrgAccess access, EventRepository events, SessionRepository sessions, Clock clock) {
        this.access = access;
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    public Session create(Principal caller, UUID orgId, UUID eventId, Session.Details requested) {
        Session.Details d = new Session.Details(requested.title(), requested.description(), requested.room(),
                requested.startsAt(), requested.endsAt(), requested.capacity(),
                requested.tags() == null ? List.of() : requested.tags(),
                requested.attachments() == null ? List.of() : requested.attachments());
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Event event = events.requireEditable(eventId);
            SessionRules.validate(d, event);
            var now = clock.instant();
            Session session = new Session(UUID.randomUUID(), orgId, eventId, d.title().strip(), d.description(), d.room(),
                    d.startsAt(), d.endsAt(), d.capacity(), d.tags(), d.attachments(), SessionStatus.SCHEDULED, null,
                    List.of(), now, now);
            sessions.insert(session);
            return sessions.find(eventId, session.id()).orElseThrow();
        });
    }
}
