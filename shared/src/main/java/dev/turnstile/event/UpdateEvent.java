package dev.turnstile.event;

import static dev.turnstile.common.Patch.or;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** Changes an event's details (admins and owners). Fields left null keep their value. */
public final class UpdateEvent {

    private final OrgAccess access;
    private final EventRepository events;

    public UpdateEvent(OrgAccess access, EventRepository events) {
        this.access = access;
        this.events = events;
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
            events.update(current.with(merged));
            return events.find(eventId).orElseThrow();
        });
    }
}
