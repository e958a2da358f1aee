package dev.turnstile.checkin;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import java.util.UUID;

/**
 * Takes back a check-in made by mistake (the wrong attendee waved through, a scan at the wrong
 * session). A supervisor's act — the admin role or higher — recorded like the check-in itself: an
 * event that removes the PostgreSQL row and updates the dashboard.
 */
public final class UndoCheckIn {

    private final DoorFacts facts;
    private final DoorState door;
    private final CheckInEvents events;

    public UndoCheckIn(DoorFacts facts, DoorState door, CheckInEvents events) {
        this.facts = facts;
        this.door = door;
        this.events = events;
    }

    /** The admission that was undone. */
    public ScanAnswer undo(Principal supervisor, UUID orgId, UUID eventId, UUID ticketId, UUID sessionId) {
        facts.authorize(supervisor, orgId, eventId, Role.ADMIN);
        DoorTicket ticket = door.ticket(ticketId).map(DoorState.Stored::ticket)
                .filter(t -> t.orgId().equals(orgId) && t.eventId().equals(eventId))
                .orElseThrow(() -> new NotFound("check-in of ticket", ticketId));
        Scope scope = Scope.of(sessionId);
        CheckInRecord undone = door.undo(ticketId, scope)
                .orElseThrow(() -> new NotFound("check-in of ticket", ticketId));
        if (sessionId != null && facts.session(orgId, eventId, sessionId).map(s -> s.capacity() != null).orElse(false)) {
            door.releaseSessionPlace(sessionId);
        }
        events.publish(CheckInEvent.of(CheckInEvent.Kind.UNDONE, ticket, scope, undone));
        return ScanAnswer.of(ScanReason.CHECKED_IN, ticket, scope, undone, false);
    }
}
