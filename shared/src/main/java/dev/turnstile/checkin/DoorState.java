package dev.turnstile.checkin;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The hot check-in state (DynamoDB in AWS, dynalite locally): one item per ticket and scope.
 * Admission is one conditional write: the first scan wins, whatever the concurrency. Keys and
 * conditions: docs/check-in.md.
 */
public interface DoorState {

    /** Writes the ticket's door data, keeping any check-ins already recorded against it. */
    void putTicket(DoorTicket ticket);

    /** The ticket and its event-level check-in, if any (strongly consistent). */
    Optional<Stored> ticket(UUID ticketId);

    /**
     * The event-level admission, as one conditional write: recorded only if the stored ticket is
     * the event's, issued, carries this code version, is inside its validity window at {@code now}, and has no
     * check-in yet. The ticket as stored if this call admitted it; empty if a condition failed
     * (read the item to learn which).
     */
    Optional<DoorTicket> admit(UUID eventId, UUID ticketId, int codeVersion, Instant now, CheckInRecord record);

    /**
     * An offline scan that came first takes the place of the admission recorded so far, as one
     * conditional write: only if the scope's admission is still {@code current} (same scan id and
     * time; otherwise someone else changed it meanwhile: read again and decide again) and, for the
     * event scope, the ticket is still the event's, issued, with this code version and {@code earlier.at()}
     * inside its window. True if this call replaced it.
     */
    boolean replaceCheckIn(UUID eventId, UUID ticketId, Scope scope, int codeVersion, CheckInRecord current,
                           CheckInRecord earlier);

    /** A session admission, recorded only if the ticket has none for that session; true if this call recorded it. */
    boolean admitToSession(DoorTicket ticket, UUID sessionId, CheckInRecord record);

    /**
     * The current admission of each ticket and scope, read together (strongly consistent): the
     * durable record's consumer reads a queue batch's worth in one call instead of one per event.
     * An event-scope admission counts only if the ticket is {@code orgId}'s.
     */
    Map<ScopedTicket, Optional<CheckInRecord>> checkIns(Collection<ScopedTicket> tickets);

    /** The session check-in recorded for the ticket, if any (strongly consistent). */
    Optional<CheckInRecord> sessionCheckIn(UUID ticketId, UUID sessionId);

    /** Removes the scope's check-in, if there is one; the removed one. */
    Optional<CheckInRecord> undo(UUID ticketId, Scope scope);

    /** Takes one place in the session if fewer than {@code capacity} are taken; true if taken. */
    boolean takeSessionPlace(UUID sessionId, int capacity);

    void releaseSessionPlace(UUID sessionId);

    /** Every check-in of the event (all scopes), with its ticket's type: the dashboard's starting point. */
    List<Admission> admissions(UUID eventId);

    /** One ticket in one scope, as an organization's event names it. */
    record ScopedTicket(UUID orgId, UUID ticketId, Scope scope) {
    }

    /** A ticket with its event-level check-in. */
    record Stored(DoorTicket ticket, Optional<CheckInRecord> checkIn) {
    }

    /** One check-in as the dashboard counts it; the scan id tells a duplicate delivery from a new admission. */
    record Admission(UUID ticketId, Scope scope, UUID ticketTypeId, String gate, Instant at, String scanId) {
    }
}
