package dev.turnstile.event;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

/** An organization's events, filtered, in start order, a page at a time (staff and above). */
public final class ListEvents {

    private final OrgAccess access;
    private final EventRepository events;

    public ListEvents(OrgAccess access, EventRepository events) {
        this.access = access;
        this.events = events;
    }

    public EventPage list(Principal caller, UUID orgId, EventQuery query) {
        EventQuery probe = new EventQuery(query.statuses(), query.text(), query.from(), query.to(), query.endsAfter(), query.type(),
                query.visibility(), query.seriesId(), query.tag(), query.after(), query.limit() + 1);
        List<Event> rows = access.read(caller, orgId, Role.STAFF, () -> events.list(probe));
        if (rows.size() <= query.limit()) {
            return new EventPage(rows, null);
        }
        List<Event> page = rows.subList(0, query.limit());
        return new EventPage(List.copyOf(page), EventCursor.encode(page.get(page.size() - 1)));
    }
}
