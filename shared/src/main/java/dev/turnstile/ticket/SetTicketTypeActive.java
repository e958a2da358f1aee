package dev.turnstile.ticket;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/**
 * Takes a ticket type off sale or puts it back (admins and owners). Tickets already sold stay
 * valid; deactivating twice changes nothing.
 */
public final class SetTicketTypeActive {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;

    public SetTicketTypeActive(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
    }

    public TicketType set(Principal caller, UUID orgId, UUID eventId, UUID ticketTypeId, boolean active) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            TicketType t = ticketTypes.lock(eventId, ticketTypeId).orElseThrow(() -> new NotFound("ticket type", ticketTypeId));
            if (t.active() != active) {
                ticketTypes.update(new TicketType(t.id(), t.orgId(), t.eventId(), t.name(), t.description(), t.priceMinor(),
                        t.currency(), t.capacity(), t.quantitySold(), t.quantityHeld(), t.saleStartsAt(), t.saleEndsAt(),
                        t.restrictions(), active, t.hidden(), t.sortOrder(), t.createdAt(), t.updatedAt()));
            }
            return ticketTypes.lock(eventId, ticketTypeId).orElseThrow();
        });
    }
}
