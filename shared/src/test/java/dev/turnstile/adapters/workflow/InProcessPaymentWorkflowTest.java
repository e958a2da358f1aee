package dev.turnstile.adapters.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.catalogue.WorkflowTask;
import dev.turnstile.paymentflow.PaymentStep;
import dev.turnstile.paymentflow.PaymentWorkflow;
import dev.turnstile.paymentflow.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The local runner's decisions, the same as the state machine's: which step follows which outcome,
 * how long it waits, how it retries and where a step that keeps failing ends. The task is scripted
 * (the steps themselves are tested against PostgreSQL in functions/workers); time is virtual.
 */
class InProcessPaymentWorkflowTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant HOLD = T0.plus(Duration.ofMinutes(15));
    final UUID org = UUID.randomUUID();
    final UUID registration = UUID.randomUUID();

    /** Virtual time: runs each timer at once, moving the clock by its delay, and records the delays. */
    final class VirtualTime implements InProcessPaymentWorkflow.Timer {
        Instant now = T0;
        final List<Duration> delays = new ArrayList<>();
        final Deque<Runnable> due = new ArrayDeque<>();

        @Override
        public void after(Duration delay, Runnable work) {
            delays.add(delay);
            due.add(() -> {
                now = now.plus(delay);
                work.run();
            });
        }

        Clock clock() {
            return new Clock() {
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                public Instant instant() {
                    return now;
                }
            };
        }

        void runAll() {
            while (!due.isEmpty()) {
                due.poll().run();
            }
        }
    }

    /** A task answering from a script of outcomes (or failures) per step, recording what it ran. */
    final class Script implements InProcessPaymentWorkflow.Task {
        final List<String> ran = new ArrayList<>();
        final Deque<Object> answers = new ArrayDeque<>();
        final VirtualTime time;

        Script(VirtualTime time, Object... answers) {
            this.time = time;
            this.answers.addAll(List.of(answers));
        }

        @Override
        public StepOutcome run(PaymentStep step, UUID orgId, UUID registrationId) {
            ran.add(step.wireName());
            Object next = answers.poll();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            StepOutcome.Status status = (StepOutcome.Status) next;
            Instant nextCheck = status == StepOutcome.Status.WAITING ? time.now.plus(Duration.ofMinutes(2)) : time.now;
            return new StepOutcome(status, HOLD, nextCheck.isAfter(HOLD) ? HOLD : nextCheck);
        }
    }

    @Test
    void givenTheBuyerPaysAfterTwoPolls_thenTheWorkflowChecksThreeTimesTwoMinutesApartAndEnds() {
        VirtualTime time = new VirtualTime();
        Script task = new Script(time, StepOutcome.Status.WAITING, StepOutcome.Status.WAITING, StepOutcome.Status.SETTLED);
        var workflow = new InProcessPaymentWorkflow(task, time, time.clock());

        workflow.started(new PaymentWorkflow.Start(org, registration, HOLD));
        time.runAll();

        assertThat(task.ran).containsExactly("check", "check", "check");
        assertThat(time.delays).containsExactly(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(2));
        assertThat(workflow.isRunning(registration)).isFalse();
    }

    @Test
    void givenTheHoldRunsOutUnpaid_thenTheHoldIsReleasedAndFollowedUp() {
        VirtualTime time = new VirtualTime();
        Script task = new Script(time, StepOutcome.Status.HOLD_EXPIRED, StepOutcome.Status.ENDED, StepOutcome.Status.ENDED);
        var workflow = new InProcessPaymentWorkflow(task, time, time.clock());

        workflow.started(new PaymentWorkflow.Start(org, registration, HOLD));
        time.runAll();

        assertThat(task.ran).containsExactly("check", "release-hold", "follow-up");
        assertThat(workflow.isRunning(registration)).isFalse();
    }

    @Test
    void givenTheRegistrationWasCancelled_thenOnlyTheFollowUpRuns() {
        VirtualTime time = new VirtualTime();
        Script task = new Script(time, StepOutcome.Status.ENDED, StepOutcome.Status.ENDED);
        var workflow = new InProcessPaymentWorkflow(task, time, time.clock());

        workflow.started(new PaymentWorkflow.Start(org, registration, HOLD));
        time.runAll();

        assertThat(task.ran).containsExactly("check", "follow-up");
    }

    @Test
    void givenAFailingCheck_thenItIsRetriedWithExponentialBackoff_thenTheCatchPathReleasesTheHoldWhenItRunsOut() {
        VirtualTime time = new VirtualTime();
        var down = new IllegalStateException("database unreachable");
        Script task = new Script(time, down, down, down, down, StepOutcome.Status.ENDED, StepOutcome.Status.ENDED);
        var workflow = new InProcessPaymentWorkflow(task, time, time.clock());

        workflow.started(new PaymentWorkflow.Start(org, registration, HOLD));
        time.runAll();

        assertThat(WorkflowTask.MAX_RETRIES).isEqualTo(3);
        assertThat(task.ran).containsExactly("check", "check", "check", "check", "release-hold", "follow-up");
        // start, three backoffs (2 s, 4 s, 8 s), then the wait until the hold runs out: not a moment earlier
        assertThat(time.delays.subList(1, 4)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        assertThat(time.delays.get(4)).isEqualTo(Duration.between(T0.plusSeconds(14), HOLD));
        assertThat(workflow.isRunning(registration)).isFalse();
    }

    @Test
    void givenAReleaseThatKeepsFailing_thenTheWorkflowStopsAndLeavesItToTheSweeps() {
        VirtualTime time = new VirtualTime();
        var down = new IllegalStateException("provider down");
        Script task = new Script(time, StepOutcome.Status.HOLD_EXPIRED, down, down, down, down);
        var workflow = new InProcessPaymentWorkflow(task, time, time.clock());

        workflow.started(new PaymentWorkflow.Start(org, registration, HOLD));
        time.runAll();

        assertThat(task.ran).containsExactly("check", "release-hold", "release-hold", "release-hold", "release-hold");
        assertThat(workflow.isRunning(registration)).isFalse();
    }

    @Test
    void givenTheWorkflowStartedTwiceForOneRegistration_thenItRunsOnce() {
        VirtualTime time = new VirtualTime();
        Script task = new Script(time, StepOutcome.Status.SETTLED, StepOutcome.Status.SETTLED);
        var workflow = new InProcessPaymentWorkflow(task, time, time.clock());

        workflow.started(new PaymentWorkflow.Start(org, registration, HOLD));
        workflow.started(new PaymentWorkflow.Start(org, registration, HOLD));
        time.runAll();

        assertThat(task.ran).containsExactly("check");
    }

    @Test
    void aReleaseThatFindsTheHoldStillRunning_waitsAndChecksAgain() {
        VirtualTime time = new VirtualTime();
        Script task = new Script(time, StepOutcome.Status.HOLD_EXPIRED, StepOutcome.Status.WAITING,
                StepOutcome.Status.HOLD_EXPIRED, StepOutcome.Status.ENDED, StepOutcome.Status.ENDED);
        var workflow = new InProcessPaymentWorkflow(task, time, time.clock());

        workflow.started(new PaymentWorkflow.Start(org, registration, HOLD));
        time.runAll();

        assertThat(task.ran).containsExactly("check", "release-hold", "check", "release-hold", "follow-up");
    }
}
