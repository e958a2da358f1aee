package dev.turnstile.registration;

/** reserved while the registration is pending; issued once it is confirmed. */
public enum TicketStatus {
    RESERVED, ISSUED, CANCELLED, REFUNDED
}
