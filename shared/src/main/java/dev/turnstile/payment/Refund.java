package dev.turnstile.payment;

import java.time.Instant;
import java.util.UUID;

/** One refund of a payment, decided by us and executed at the provider with its own idempotency key. */
public record Refund(UUID id, UUID paymentId, long amountMinor, String reason, String idempotencyKey, Status status,
                     String providerRefundId, Instant createdAt) {

    public enum Status { PENDING, SUCCEEDED, FAILED }
}
