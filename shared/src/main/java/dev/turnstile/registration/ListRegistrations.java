package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

/** An event's registrations, newest first, filtered, a page at a time (staff and above). */
public final class ListRegistrations {

    /** A page and the cursor of the next (null on the last). */
    public record Page(List<Registration> items, String nextCursor) {
    }

    private final OrgAccess access;
    private final EventRepository events;
    private final RegistrationRepository registrations;

    public ListRegistrations(OrgAccess access, EventRepository events, RegistrationRepository registrations) {
        this.access = access;
        this.events = events;
        this.registrations = registrations;
    }

    public Page list(Principal caller, UUID orgId, RegistrationQuery query) {
        RegistrationQuery probe = new RegistrationQuery(query.eventId(), query.status(), query.ticketTypeId(),
                query.from(), query.to(), query.text(), query.before(), query.limit() + 1);
        List<Registration> rows = access.read(caller, orgId, Role.STAFF, () -> {
            events.find(query.eventId()).orElseThrow(() -> new NotFound("event", query.eventId()));
            return registrations.list(probe);
        });
        if (rows.size() <= query.limit()) {
            return new Page(rows, null);
        }
        List<Registration> page = List.copyOf(rows.subList(0, query.limit()));
        Registration last = page.get(page.size() - 1);
        return new Page(page, RegistrationCursor.encode(new RegistrationQuery.Position(last.createdAt(), last.id())));
    }
}
