package dev.turnstile.payment;

import java.util.Optional;

/**
 * A verified webhook delivery: the provider's event id (the exactly-once key), its type, and the
 * provider payment it concerns, if it concerns one. Its content is only a trigger: the payment's
 * state is read from the provider before anything is decided.
 */
public record WebhookEvent(String eventId, String type, String providerPaymentId) {

    public Optional<String> payment() {
        return Optional.ofNullable(providerPaymentId);
    }
}
