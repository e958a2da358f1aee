package dev.turnstile.registration;

/**
 * pending (seats held until {@code holdExpiresAt}, awaiting payment) → confirmed, or → expired when
 * the hold runs out, or → cancelled; confirmed → cancelled or refunded.
 */
public enum RegistrationStatus {
    PENDING, CONFIRMED, CANCELLED, EXPIRED, REFUNDED
}
