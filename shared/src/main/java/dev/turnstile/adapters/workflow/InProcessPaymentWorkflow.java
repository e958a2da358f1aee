package dev.turnstile.adapters.workflow;

import dev.turnstile.catalogue.WorkflowTask;
import dev.turnstile.paymentflow.PaymentStep;
import dev.turnstile.paymentflow.PaymentWorkflow;
import dev.turnstile.paymentflow.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment workflow without Step Functions: the state machine of {@code PaymentWorkflowStack}
 * (docs/payments.md, "The payment workflow") as timers on an executor, with the same steps, the
 * same retries (the catalogue's {@link WorkflowTask} policy) and the same catch path:
 *
 * <pre>
 * check ─► settled: done │ waiting: wait until nextCheckAt, check │ hold-expired: release-hold │ ended: follow-up
 * release-hold ─► waiting: wait, check │ otherwise: follow-up
 * follow-up ─► done
 * check failed after its retries ─► wait until the hold runs out ─► release-hold
 * release-hold or follow-up failed after their retries ─► stop (the scheduled sweeps finish the work)
 * </pre>
 *
 * The local runtime runs it with the {@code payment-steps} function's handler as the task, so the
 * handler's JSON contract is exercised locally as Step Functions exercises it in AWS.
 */
public final class InProcessPaymentWorkflow implements PaymentWorkflow {

    private static final Logger log = LoggerFactory.getLogger(InProcessPaymentWorkflow.class);

    /** One task state: runs a step and says where the registration stands. */
    @FunctionalInterface
    public interface Task {
        StepOutcome run(PaymentStep step, UUID orgId, UUID registrationId);
    }

    /** What a Wait state and a retry's backoff do: run the work after a delay. */
    @FunctionalInterface
    public interface Timer {
        void after(Duration delay, Runnable work);

        static Timer of(ScheduledExecutorService executor) {
            return (delay, work) -> executor.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final Task task;
    private final Timer timer;
    private final Clock clock;
    private final java.util.Set<UUID> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public InProcessPaymentWorkflow(Task task, Timer timer, Clock clock) {
        this.task = task;
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public void started(Start start) {
        // one execution per registration, as the state machine's execution name makes it
        if (running.add(start.registrationId())) {
            at(clock.instant(), () -> step(start, PaymentStep.CHECK, 0));
        }
    }

    /** Whether a workflow is still running for the registration. */
    public boolean isRunning(UUID registrationId) {
        return running.contains(registrationId);
    }

    private void step(Start start, PaymentStep step, int retry) {
        StepOutcome outcome;
        try {
            outcome = task.run(step, start.orgId(), start.registrationId());
        } catch (RuntimeException e) {
            if (retry < WorkflowTask.MAX_RETRIES) {
                Duration backoff = Duration.ofMillis((long) (WorkflowTask.RETRY_INTERVAL_SECONDS * 1000
                        * Math.pow(WorkflowTask.BACKOFF_RATE, retry)));
                log.warn("Payment step {} of registration {} failed ({}); retry {} in {}", step.wireName(),
                        start.registrationId(), e.toString(), retry + 1, backoff);
                at(clock.instant().plus(backoff), () -> step(start, step, retry + 1));
            } else if (step == PaymentStep.CHECK) {
                log.error("Payment check of registration {} failed after {} retries; releasing at hold expiry",
                        start.registrationId(), retry, e);
                at(start.holdExpiresAt(), () -> step(start, PaymentStep.RELEASE_HOLD, 0));
            } else {
                log.error("Payment step {} of registration {} failed after {} retries; the scheduled sweeps finish it",
                        step.wireName(), start.registrationId(), retry, e);
                running.remove(start.registrationId());
            }
            return;
        }
        switch (step) {
            case CHECK -> {
                switch (outcome.status()) {
                    case SETTLED -> running.remove(start.registrationId());
                    case WAITING -> at(outcome.nextCheckAt(), () -> step(start, PaymentStep.CHECK, 0));
                    case HOLD_EXPIRED -> step(start, PaymentStep.RELEASE_HOLD, 0);
                    case ENDED -> step(start, PaymentStep.FOLLOW_UP, 0);
                }
            }
            case RELEASE_HOLD -> {
                if (outcome.status() == StepOutcome.Status.WAITING) {
                    at(outcome.nextCheckAt(), () -> step(start, PaymentStep.CHECK, 0));
                } else {
                    step(start, PaymentStep.FOLLOW_UP, 0);
                }
            }
            case FOLLOW_UP -> running.remove(start.registrationId());
        }
    }

    private void at(Instant when, Runnable work) {
        Duration delay = Duration.between(clock.instant(), when);
        timer.after(delay.isNegative() ? Duration.ZERO : delay, () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("Payment workflow runner failed", e);
            }
        });
    }
}
