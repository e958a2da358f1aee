package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

/** An event's waitlist in line order (staff and above). */
public final class ListWaitlist {

    private final OrgAccess access;
    private final EventRepository events;
    private final WaitlistRepository waitlist;

    public ListWaitlist(OrgAccess access, EventRepository events, WaitlistRepository waitlist) {
        this.access = access;
        this.events = events;
        this.waitlist = waitlist;
    }

    public List<WaitlistEntry> list(Principal caller, UUID orgId, UUID eventId) {
        return access.read(caller, orgId, Role.STAFF, () -> {
            events.find(eventId).orElseThrow(() -> new NotFound("event", eventId));
            return waitlist.listForEvent(eventId);
        });
    }
}
