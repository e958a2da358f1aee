package dev.turnstile.registration;

/** waiting in line → offered (seats held for them until the offer expires) → accepted by registering, or expired. */
public enum WaitlistStatus {
    WAITING, OFFERED, ACCEPTED, EXPIRED, CANCELLED
}
