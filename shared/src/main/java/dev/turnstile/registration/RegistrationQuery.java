package dev.turnstile.registration;

import java.time.Instant;
import java.util.UUID;

/** Filters for an event's registrations, newest first; null filters are absent. */
public record RegistrationQuery(
        UUID eventId,
        RegistrationStatus status,
        UUID ticketTypeId,
        Instant from,
        Instant to,
        String text,
        Position before,
        int limit) {

    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    /** The position a registration holds in the list order, for cursors. */
    public record Position(Instant createdAt, UUID id) {
    }
}
