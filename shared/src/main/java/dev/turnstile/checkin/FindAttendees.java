package dev.turnstile.checkin;

import dev.turnstile.common.Check;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Manual look-up at the door for attendees without their code: by name, e-mail or confirmation
 * number, with each ticket's current check-in, so staff can admit them with a manual check-in.
 */
public final class FindAttendees {

    public static final int LIMIT = 25;

    private final Transactions transactions;
    private final DoorFacts facts;
    private final TicketSource source;
    private final DoorState door;

    public FindAttendees(Transactions transactions, DoorFacts facts, TicketSource source, DoorState door) {
        this.transactions = transactions;
        this.facts = facts;
        this.source = source;
        this.door = door;
    }

    /** A ticket found, with its event-level check-in if it has one. */
    public record Found(DoorTicket ticket, Optional<CheckInRecord> checkIn) {
    }

    public List<Found> find(Principal staff, UUID orgId, UUID eventId, String text) {
        String q = text == null ? "" : text.strip();
        new Check().require(q.length() >= 2, "q", "must be at least 2 characters")
                .require(q.length() <= 200, "q", "must be at most 200 characters").orThrow();
        facts.authorize(staff, orgId, eventId, Role.STAFF);
        List<DoorTicket> tickets = transactions.read(TenantContext.of(orgId, staff.userId()),
                () -> source.search(eventId, q, LIMIT));
        return tickets.stream().map(t -> new Found(t, door.ticket(t.ticketId()).flatMap(DoorState.Stored::checkIn))).toList();
    }
}
