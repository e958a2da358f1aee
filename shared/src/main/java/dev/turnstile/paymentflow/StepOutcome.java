package dev.turnstile.paymentflow;

import java.time.Instant;
import java.util.Locale;

/**
 * Where a registration stands after a step, and so what the workflow does next: both runners
 * branch on {@link #status()} alone (the state machine's Choice states, the in-process runner's
 * switch).
 *
 * @param nextCheckAt when to look again, which only {@link Status#WAITING} uses: the next poll, never
 *                    after the hold runs out (the moment of the step for the other statuses)
 */
public record StepOutcome(Status status, Instant holdExpiresAt, Instant nextCheckAt) {

    public enum Status {
        /** Paid: the registration is confirmed (or was, and has since been refunded). The workflow ends. */
        SETTLED,
        /** Still pending and its hold still runs: wait until {@code nextCheckAt}, then check again. */
        WAITING,
        /** Still pending, and its hold ran out: release it. */
        HOLD_EXPIRED,
        /** Expired or cancelled: what remains is the follow-up (cancel an open attempt, refunds). */
        ENDED;

        /** {@code hold-expired}: the name in the workflow's JSON. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
