package dev.turnstile.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * One payment attempt of a registration: its provider, the provider's id for it (once created),
 * the attempt's idempotency key, and money in integer minor units of {@code currency}.
 */
public record Payment(UUID id, UUID orgId, UUID registrationId, String provider, String providerPaymentId,
                      String idempotencyKey, int attempt, long amountMinor, long refundedMinor, String currency,
                      PaymentStatus status, Instant createdAt, Instant updatedAt) {

    /** The provider idempotency key of an attempt: derived, so a retry of the attempt reuses it. */
    public static String keyFor(UUID registrationId, int attempt) {
        return "reg-" + registrationId + "-attempt-" + attempt;
    }
}
