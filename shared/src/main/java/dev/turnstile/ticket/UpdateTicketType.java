package dev.turnstile.ticket;

import static dev.turnstile.common.Patch.or;

import dev.turnstile.common.Check;
import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/**
 * Changes a ticket type (admins and owners). Capacity may not drop below what is sold and held,
 * and the currency is fixed once anything is sold or held. Fields left null keep their value.
 */
public final class UpdateTicketType {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;

    public UpdateTicketType(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
    }

    public TicketType update(Principal caller, UUID orgId, UUID eventId, UUID ticketTypeId, TicketType.Details changes) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            // the row lock serializes this change with sales of the same ticket type
            TicketType t = ticketTypes.lock(eventId, ticketTypeId).orElseThrow(() -> new NotFound("ticket type", ticketTypeId));
            TicketType.Details merged = new TicketType.Details(
                    or(changes.name(), t.name()), or(changes.description(), t.description()),
                    or(changes.priceMinor(), t.priceMinor()), or(changes.currency(), t.currency()),
                    or(changes.capacity(), t.capacity()), or(changes.saleStartsAt(), t.saleStartsAt()),
                    or(changes.saleEndsAt(), t.saleEndsAt()), or(changes.restrictions(), t.restrictions()),
                    or(changes.hidden(), t.hidden()), or(changes.sortOrder(), t.sortOrder()));
            TicketTypeRules.validate(merged, ticketTypes.listForEvent(eventId), t.id());
            int committed = t.quantitySold() + t.quantityHeld();
            new Check().require(merged.capacity() >= committed, "capacity",
                    "must be at least " + committed + ", the tickets already sold or held").orThrow();
            if (!merged.currency().equals(t.currency()) && committed > 0) {
                throw new Conflict("currency_locked", "Tickets of this type are sold or held; its currency is fixed");
            }
            ticketTypes.update(t.with(merged));
            return ticketTypes.lock(eventId, ticketTypeId).orElseThrow();
        });
    }
}
