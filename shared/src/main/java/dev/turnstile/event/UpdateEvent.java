package dev.turnstile.event;

import static dev.turnstile.common.Patch.or;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.Invalid;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.session.Session;
import dev.turnstile.session.SessionRepository;
import dev.turnstile.session.SessionStatus;
import java.util.List;
import java.util.UUID;

/** Changes an event's details (admins and owners). Fields left null keep their value. */
public final class UpdateEvent {

    private final OrgAccess access;
    private final EventRepository events;
    private final SessionRepository sessions;

    public UpdateEvent(OrgAccess access, EventRepository events, SessionRepository sessions) {
        this.access = access;
        this.events = events;
        this.sessions = sessions;
    }

    public Event update(Principal caller, UUID orgId, UUID eventId, Event.Details changes) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Event current = events.lock(eventId).orElseThrow(() -> new NotFound("event", eventId));
            if (current.status() == EventStatus.DELETED) {
                throw new Conflict("event_deleted", "The event is deleted; restore it before changing it");
            }
            Event.Details was = current.details();
            Event.Details merged = new Event.Details(
                    or(changes.title(), was.title()),
                    or(changes.slug(), was.slug()),
                    or(changes.description(), was.description()),
                    or(changes.type(), was.type()),
                    or(changes.visibility(), was.visibility()),
                    or(changes.startsAt(), was.startsAt()),
                    or(changes.endsAt(), was.endsAt()),
                    or(changes.timeZone(), was.timeZone()),
                    or(changes.location(), was.location()),
                    or(changes.customFields(), was.customFields()),
                    or(changes.contact(), was.contact()),
                    or(changes.tags(), was.tags()));
            EventRules.validate(merged);
            if (!merged.startsAt().equals(was.startsAt()) || !merged.endsAt().equals(was.endsAt())) {
                requireSessionsWithin(eventId, merged);
            }
            events.update(current.with(merged));
            return events.find(eventId).orElseThrow();
        });
    }

    /** New dates must still hold the programme: move or cancel sessions first. */
    private void requireSessionsWithin(UUID eventId, Event.Details d) {
        List<String> outside = sessions.listForEvent(eventId).stream()
                .filter(s -> s.status() == SessionStatus.SCHEDULED)
                .filter(s -> s.startsAt().isBefore(d.startsAt()) || s.endsAt().isAfter(d.endsAt()))
                .map(Session::title)
                .toList();
        if (!outside.isEmpty()) {
            throw new Invalid(List.of(new Invalid.FieldError("startsAt",
                    "the new dates leave scheduled sessions outside the event: " + String.join(", ", outside))));
        }
    }
}
