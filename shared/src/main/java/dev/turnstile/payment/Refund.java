package dev.turnstile.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * One refund of a payment, decided by us and executed at the provider with its own idempotency
 * key; {@code ticketIds} are the tickets it gave back (none: an amount only).
 */
public record Refund(UUID id, UUID paymentId, long amountMinor, String reason, String idempotencyKey, Status status,
                     String providerRefundId, Instant createdAt, java.util.List<UUID> ticketIds) {

    public Refund {
        ticketIds = java.util.List.copyOf(ticketIds);
    }

    public enum Status { PENDING, SUCCEEDED, FAILED }
}
