package dev.turnstile.ticket;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

/** An event's ticket types with their sales figures, hidden and inactive ones included (staff and above). */
public final class ListTicketTypes {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;

    public ListTicketTypes(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
    }

    public List<TicketType> list(Principal caller, UUID orgId, UUID eventId) {
        return access.read(caller, orgId, Role.STAFF, () -> {
            events.find(eventId).orElseThrow(() -> new NotFound("event", eventId));
            return ticketTypes.listForEvent(eventId);
        });
    }
}
