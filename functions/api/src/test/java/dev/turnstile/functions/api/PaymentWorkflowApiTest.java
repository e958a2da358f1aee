package dev.turnstile.functions.api;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.adapters.workflow.InProcessPaymentWorkflow;
import dev.turnstile.identity.Principal;
import dev.turnstile.payment.PaymentProviders;
import dev.turnstile.paymentflow.PaymentWorkflow;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.StripeStub;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment workflow from the buyer's payment start to its end, through the Lambda handlers, the
 * real stripe-java against the Stripe stub and the in-process runner on virtual time (each wait
 * advances the test clock): the same steps and decisions as the state machine in AWS.
 */
class PaymentWorkflowApiTest extends ApiTestSupport {

    static final StripeStub stripe = new StripeStub();
    static final Services paying = new Services(db.app(), tokens.verifier(), door.ports(),
            PaymentProviders.of(List.of(stripe.provider(clock))), clock);
    static final PaymentsFunction payments = new PaymentsFunction(paying);
    static final PaymentWebhooksFunction webhooks = new PaymentWebhooksFunction(paying);
    static final RegistrationsFunction registrations = new RegistrationsFunction(paying);

    /** Waits and backoffs run when the test says, each moving the clock by its delay. */
    static final Deque<Runnable> due = new ArrayDeque<>();
    static final List<Duration> waits = new ArrayList<>();
    static final List<PaymentWorkflow.Start> starts = new ArrayList<>();
    static final InProcessPaymentWorkflow runner = new InProcessPaymentWorkflow(paying.runPaymentStep::run,
            (delay, work) -> {
                waits.add(delay);
                due.add(() -> {
                    clock.advance(delay);
                    work.run();
                });
            }, clock);

    final Principal owner = TestTokens.newUser("Owen");
    final Principal ann = TestTokens.newUser("Ann");
    String orgId;

    @BeforeEach
    void anOrganization() {
        orgId = createOrg(owner);
        stripe.server.resetAll();
        stripe.refundsSucceed();
        due.clear();
        waits.clear();
        starts.clear();
        paying.usePaymentWorkflow(start -> {
            starts.add(start);
            runner.started(start);
        });
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @AfterAll
    static void stopStub() {
        stripe.close();
    }

    String register(Principal who, String[] event) {
        Response r = send(registrations, as(who, REGISTER).path("eventId", event[0]).json(oneTicket(event[1], who.name())));
        assertThat(r.status()).as("register: %s", r).isEqualTo(201);
        return r.body().get("id").asText();
    }

    Response pay(Principal who, String registrationId) {
        return send(payments, as(who, START_PAYMENT).path("registrationId", registrationId)
                .json("{\"provider\": \"stripe\"}"));
    }

    String status(String registrationId) {
        return send(registrations, as(ann, GET_MY_REGISTRATION).path("registrationId", registrationId)).body()
                .get("status").asText();
    }

    /** Runs the due timers, at most {@code limit} of them (a runaway loop fails instead of hanging). */
    static void runTimers(int limit) {
        for (int i = 0; i < limit && !due.isEmpty(); i++) {
            due.poll().run();
        }
        assertThat(due).as("the workflow ended").isEmpty();
    }

    static String newIntentId() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Test
    void givenAPaymentStart_thenTheWorkflowIsStartedWithTheRegistrationsOrganizationIdAndHold_sameInputOnARetry() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        stripe.intentIs(pi, 2500, "requires_payment_method", null);

        assertThat(pay(ann, registrationId).status()).isEqualTo(201);
        assertThat(pay(ann, registrationId).status()).isEqualTo(201);

        assertThat(starts).hasSize(2).allSatisfy(start -> {
            assertThat(start.orgId()).hasToString(orgId);
            assertThat(start.registrationId()).hasToString(registrationId);
            assertThat(start.holdExpiresAt()).isAfter(clock.instant());
        });
        // the same input both times: Step Functions then answers the second start with the running execution
        assertThat(starts.get(1)).isEqualTo(starts.get(0));
    }

    @Test
    void givenTheBuyerPaysWhileTheWorkflowWaits_thenTheNextCheckFindsItSettledAndNothingIsReleased() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        pay(ann, registrationId);
        due.poll().run(); // the first check: waiting for the buyer
        assertThat(waits).last().satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(119), Duration.ofMinutes(2)));

        stripe.intentIs(pi, 2500, "succeeded", null);
        String payload = StripeStub.event("evt_" + pi, "payment_intent.succeeded", pi);
        assertThat(send(webhooks, ApiCall.to(STRIPE_WEBHOOK).json(payload)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", StripeStub.signature(payload, clock.instant(), StripeStub.WEBHOOK_SECRET)))
                .status()).isEqualTo(200);
        runTimers(5);

        assertThat(status(registrationId)).isEqualTo("confirmed");
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
        stripe.server.verify(0, postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + pi + "/cancel")));
    }

    @Test
    void givenTheBuyerNeverPays_thenTheWorkflowPollsUntilTheHoldRunsOut_releasesItAndCancelsTheOpenAttempt() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        stripe.server.stubFor(post(urlPathEqualTo("/v1/payment_intents/" + pi + "/cancel"))
                .willReturn(StripeStub.json(200, StripeStub.paymentIntent(pi, 2500, "canceled", null))));
        pay(ann, registrationId);
        Instant hold = starts.getFirst().holdExpiresAt();

        runTimers(20);

        assertThat(clock.instant()).as("released when the hold ran out, not before").isAfterOrEqualTo(hold)
                .isBefore(hold.plusSeconds(1));
        assertThat(waits.subList(1, waits.size())).allSatisfy(wait ->
                assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(2)));
        assertThat(status(registrationId)).isEqualTo("expired");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);
        stripe.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + pi + "/cancel")));
        assertThat(count("SELECT count(*) FROM payments WHERE provider_payment_id = ? AND status = 'cancelled'", pi))
                .isEqualTo(1);
        assertThat(runner.isRunning(UUID.fromString(registrationId))).isFalse();
    }
}
