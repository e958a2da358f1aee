package dev.turnstile.event;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Creates a draft event (admins and owners). */
public final class CreateEvent {

    private final OrgAccess access;
    private final EventRepository events;
    private final Clock clock;

    public CreateEvent(OrgAccess access, EventRepository events, Clock clock) {
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    public Event create(Principal caller, UUID orgId, Event.Details requested) {
        Event.Details d = withDefaults(requested);
        return access.write(caller, orgId, Role.ADMIN, () -> {
            EventRules.validate(d);
            var now = clock.instant();
            Event event = new Event(UUID.randomUUID(), orgId, d.title().strip(), d.slug(), d.description(), d.type(),
                    d.visibility(), d.startsAt(), d.endsAt(), d.timeZone(), d.location(), d.customFields(), d.contact(),
                    d.tags(), null, null, false, null, null, null, 1, now, now);
            events.insert(event);
            return events.find(event.id()).orElseThrow();
        });
    }

    static Event.Details withDefaults(Event.Details d) {
        return new Event.Details(d.title(), d.slug(), d.description(), d.type(),
                d.visibility() == null ? Visibility.PUBLIC : d.visibility(), d.startsAt(), d.endsAt(), d.timeZone(),
                EventRules.orEmpty(d.location()), EventRules.orEmpty(d.customFields()), EventRules.orEmpty(d.contact()),
                d.tags() == null ? List.of() : d.tags());
    }
}
