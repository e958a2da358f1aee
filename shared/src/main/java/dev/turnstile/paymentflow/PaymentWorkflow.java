package dev.turnstile.paymentflow;

import java.time.Instant;
import java.util.UUID;

/**
 * Starts the workflow that watches a registration being paid: a Step Functions execution in AWS,
 * the in-process runner locally. Starting it twice for one registration starts it once (the
 * execution is named after the registration).
 */
public interface PaymentWorkflow {

    /** What the workflow needs: whose registration, and when its hold runs out (the catch path waits for it). */
    record Start(UUID orgId, UUID registrationId, Instant holdExpiresAt) {
    }

    void started(Start start);

    /** No workflow: the scheduled sweeps ({@code hold-expiry}, {@code payment-follow-ups}) do the work alone. */
    static PaymentWorkflow none() {
        return start -> {
        };
    }
}
