package dev.turnstile.checkin;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the door needs to know of a ticket, copied from PostgreSQL (the system of record) into the
 * hot check-in table whenever the ticket changes: whether it admits anyone, which code version is
 * current, whose it is, and the window in which it may be checked in.
 */
public record DoorTicket(UUID ticketId, UUID orgId, UUID eventId, UUID registrationId, String confirmationNumber,
                         Status status, int codeVersion, String attendeeName, String attendeeEmail,
                         UUID ticketTypeId, String ticketTypeName, Instant validFrom, Instant validUntil) {

    /** The ticket's status as the door sees it. */
    public enum Status {
        /** Paid (or free) and confirmed. */
        ISSUED,
        /** Held for a registration that is not paid yet. */
        RESERVED,
        CANCELLED,
        REFUNDED
    }

    public DoorTicket {
        Objects.requireNonNull(ticketId);
        Objects.requireNonNull(orgId);
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(validFrom);
        Objects.requireNonNull(validUntil);
        attendeeName = attendeeName == null ? "" : attendeeName;
        attendeeEmail = attendeeEmail == null ? "" : attendeeEmail;
        ticketTypeName = ticketTypeName == null ? "" : ticketTypeName;
        confirmationNumber = confirmationNumber == null ? "" : confirmationNumber;
    }
}
