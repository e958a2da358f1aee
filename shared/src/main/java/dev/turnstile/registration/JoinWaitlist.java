package dev.turnstile.registration;

import dev.turnstile.common.Check;
import dev.turnstile.common.Conflict;
import dev.turnstile.common.Invalid;
import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.event.EventStatus;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.UserRepository;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import dev.turnstile.ticket.TicketType;
import dev.turnstile.ticket.TicketTypeRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Puts the caller in line for a sold-out ticket type. When seats free up, the first in line is
 * offered them (held for the event's offer window) and can register through the offer.
 */
public final class JoinWaitlist {

    public record Command(UUID ticketTypeId, Integer quantity) {
    }

    /** The entry and how many are ahead of it. */
    public record Place(WaitlistEntry entry, int ahead) {
    }

    private final Transactions transactions;
    private final DueWork lookups;
    private final UserRepository users;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final WaitlistRepository waitlist;
    private final RegistrationSettingsRepository settings;
    private final Clock clock;

    public JoinWaitlist(Transactions transactions, DueWork lookups, UserRepository users, EventRepository events,
                        TicketTypeRepository ticketTypes, WaitlistRepository waitlist,
                        RegistrationSettingsRepository settings, Clock clock) {
        this.transactions = transactions;
        this.lookups = lookups;
        this.users = users;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.waitlist = waitlist;
        this.settings = settings;
        this.clock = clock;
    }

    public Place join(Principal caller, UUID eventId, Command command) {
        int quantity = command.quantity() == null ? 1 : command.quantity();
        Check check = new Check().require(quantity >= 1 && quantity <= 50, "quantity", "must be between 1 and 50");
        check.present(command.ticketTypeId(), "ticketTypeId");
        check.orThrow();
        UUID orgId = transactions.read(TenantContext.none(), () -> lookups.orgOfEvent(eventId))
                .orElseThrow(() -> new NotFound("event", eventId));
        return transactions.write(TenantContext.of(orgId, caller.userId()), () -> {
            Instant now = clock.instant();
            var event = events.find(eventId).filter(e -> e.status() == EventStatus.PUBLISHED)
                    .orElseThrow(() -> new NotFound("event", eventId));
            if (!event.endsAt().isAfter(now)) {
                throw new Conflict("event_ended", "The event has ended");
            }
            TicketType type = ticketTypes.listForEvent(eventId).stream()
                    .filter(t -> t.id().equals(command.ticketTypeId()) && t.active() && !t.hidden())
                    .findFirst()
                    .orElseThrow(() -> new Invalid("ticketTypeId", "is not a ticket type of this event"));
            RegistrationSettings rules = settings.find(eventId).orElseThrow();
            boolean eventFull = rules.capacity() != null && rules.seatsTaken() + quantity > rules.capacity();
            if (type.available() >= quantity && !eventFull) {
                throw new Conflict("tickets_available", type.name() + " has seats: register instead");
            }
            users.ensure(caller);
            WaitlistEntry entry = new WaitlistEntry(UUID.randomUUID(), orgId, eventId, type.id(), caller.userId(),
                    quantity, WaitlistStatus.WAITING, null, null, null, now);
            waitlist.insert(entry);
            WaitlistEntry stored = waitlist.find(entry.id()).orElseThrow();
            return new Place(stored, waitlist.placesAhead(stored));
        });
    }
}
