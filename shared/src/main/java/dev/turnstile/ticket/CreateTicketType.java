package dev.turnstile.ticket;

import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Adds a ticket type to an event (admins and owners). */
public final class CreateTicketType {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final Clock clock;

    public CreateTicketType(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes, Clock clock) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.clock = clock;
    }

    public TicketType create(Principal caller, UUID orgId, UUID eventId, TicketType.Details requested) {
        TicketType.Details d = new TicketType.Details(requested.name(), requested.description(), requested.priceMinor(),
                requested.currency(), requested.capacity(), requested.saleStartsAt(), requested.saleEndsAt(),
                requested.restrictions() == null ? Map.of() : requested.restrictions(),
                requested.hidden() != null && requested.hidden(),
                requested.sortOrder() == null ? 0 : requested.sortOrder());
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            TicketTypeRules.validate(d, ticketTypes.listForEvent(eventId), null);
            var now = clock.instant();
            TicketType ticketType = new TicketType(UUID.randomUUID(), orgId, eventId, d.name().strip(), d.description(),
                    d.priceMinor(), d.currency(), d.capacity(), 0, 0, d.saleStartsAt(), d.saleEndsAt(), d.restrictions(),
                    true, d.hidden(), d.sortOrder(), now, now);
            ticketTypes.insert(ticketType);
            return ticketTypes.lock(eventId, ticketType.id()).orElseThrow();
        });
    }
}
