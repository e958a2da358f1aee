package dev.turnstile.functions.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.turnstile.adapters.crypto.AesGcmKeySealer;
import dev.turnstile.identity.Principal;
import dev.turnstile.payment.PaymentProviders;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.StripeStub;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A paid registration through the Lambda handlers, with the real stripe-java pointed at a local
 * stub of Stripe's API and webhooks signed exactly as Stripe signs them.
 */
class StripePaymentApiTest extends ApiTestSupport {

    static final StripeStub stripe = new StripeStub();
    static final Services paying = new Services(db.app(), tokens.verifier(), door.ports(),
            PaymentProviders.of(List.of(stripe.provider(clock))), clock);
    static final PaymentsFunction payments = new PaymentsFunction(paying);
    static final PaymentWebhooksFunction webhooks = new PaymentWebhooksFunction(paying);
    static final RegistrationsFunction registrations = new RegistrationsFunction(paying);

    final Principal owner = TestTokens.newUser("Owen");
    final Principal ann = TestTokens.newUser("Ann");
    String orgId;

    @BeforeEach
    void anOrganization() {
        orgId = createOrg(owner);
        stripe.server.resetAll();
        stripe.refundsSucceed();
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @AfterAll
    static void stopStub() {
        stripe.close();
    }

    // ---- helpers ----

    String register(Principal who, String[] event) {
        Response r = send(registrations, as(who, REGISTER).path("eventId", event[0]).json(oneTicket(event[1], who.name())));
        assertThat(r.status()).as("register: %s", r).isEqualTo(201);
        return r.body().get("id").asText();
    }

    Response pay(Principal who, String registrationId) {
        return send(payments, as(who, START_PAYMENT).path("registrationId", registrationId)
                .json("{\"provider\": \"stripe\"}"));
    }

    static Response deliver(String payload, String signatureHeader) {
        ApiCall call = ApiCall.to(STRIPE_WEBHOOK).json(payload).header("Content-Type", "application/json; charset=utf-8");
        if (signatureHeader != null) {
            call.header("Stripe-Signature", signatureHeader);
        }
        return send(webhooks, call);
    }

    static Response deliver(String payload) {
        return deliver(payload, StripeStub.signature(payload, clock.instant(), StripeStub.WEBHOOK_SECRET));
    }

    JsonNode myRegistration(Principal who, String id) {
        return send(registrations, as(who, GET_MY_REGISTRATION).path("registrationId", id)).body();
    }

    static String newIntentId() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static long webhookEvents(String paymentIntent) {
        return count("SELECT count(*) FROM payment_webhook_events e JOIN payments p ON p.id = e.payment_id"
                + " WHERE p.provider_payment_id = ?", paymentIntent);
    }

    static long confirmations(String registrationId) {
        return count("SELECT count(*) FROM outbox_messages WHERE topic = 'registration.confirmed'"
                + " AND payload ->> 'registrationId' = ?", registrationId);
    }

    // ---- the paid registration end to end ----

    @Test
    void givenAPendingRegistration_whenThePaymentSucceeds_thenTheWebhookConfirmsIt_withSignedTicketsAndSoldSeats() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);

        Response started = pay(ann, registrationId);

        assertThat(started.status()).as("%s", started).isEqualTo(201);
        assertThat(started.body().get("clientSecret").asText()).isEqualTo(pi + "_secret_xyz");
        assertThat(started.body().get("attempt").asInt()).isEqualTo(1);
        assertThat(started.body().get("amountMinor").asLong()).isEqualTo(2500);
        stripe.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("reg-" + registrationId + "-attempt-1"))
                .withRequestBody(matching(".*amount=2500.*"))
                .withRequestBody(matching(".*currency=eur.*"))
                .withRequestBody(matching(".*metadata\\[registration_id]=" + registrationId + ".*"))
                .withRequestBody(matching(".*metadata\\[org_id]=" + orgId + ".*")));
        assertThat(myRegistration(ann, registrationId).get("status").asText()).isEqualTo("pending");

        stripe.intentIs(pi, 2500, "succeeded", null);
        Response hook = deliver(StripeStub.event("evt_" + pi, "payment_intent.succeeded", pi));

        assertThat(hook.status()).as("%s", hook).isEqualTo(200);
        assertThat(hook.body().get("result").asText()).isEqualTo("applied");
        JsonNode confirmed = myRegistration(ann, registrationId);
        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.get("confirmedAt").isNull()).isFalse();
        JsonNode ticket = confirmed.get("tickets").get(0);
        assertThat(ticket.get("status").asText()).isEqualTo("issued");
        assertThat(ticket.get("qrCode").asText()).isNotBlank();
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
        assertThat(confirmations(registrationId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payments WHERE provider_payment_id = ? AND status = 'succeeded'", pi))
                .isEqualTo(1);
        // what we keep of Stripe's answer: ids and states, no client secret, nothing of a card
        assertThat(count("SELECT count(*) FROM payments WHERE provider_payment_id = ?"
                + " AND provider_response::text NOT LIKE '%secret%' AND provider_response ->> 'status' = 'succeeded'", pi))
                .isEqualTo(1);
    }

    // ---- forged deliveries ----

    @Test
    void givenForgedDeliveries_whenTheyArrive_thenEachIsRefusedWith400_andNothingChanges() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        pay(ann, registrationId);
        stripe.intentIs(pi, 2500, "succeeded", null);
        String payload = StripeStub.event("evt_forged_" + pi, "payment_intent.succeeded", pi);
        Instant now = clock.instant();

        Response wrongSecret = deliver(payload, StripeStub.signature(payload, now, "whsec_someone_else"));
        Response stale = deliver(payload, StripeStub.signature(payload, now.minus(Duration.ofMinutes(6)),
                StripeStub.WEBHOOK_SECRET));
        Response tampered = deliver(payload.replace("2500", "1"), StripeStub.signature(payload, now,
                StripeStub.WEBHOOK_SECRET));
        Response unsigned = deliver(payload, null);
        Response garbage = deliver(payload, "t=" + now.getEpochSecond() + ",v1=deadbeef");

        for (Response r : List.of(wrongSecret, stale, tampered, unsigned, garbage)) {
            assertThat(r.status()).as("%s", r).isEqualTo(400);
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(myRegistration(ann, registrationId).get("status").asText()).isEqualTo("pending");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 1);
        assertThat(webhookEvents(pi)).isZero();
        assertThat(confirmations(registrationId)).isZero();
        // a forged delivery does not even make us ask Stripe
        stripe.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/v1/payment_intents/" + pi)));
    }

    // ---- exactly once ----

    @Test
    void givenTheSameEventDeliveredManyTimesAtOnce_whenTheyArrive_thenItIsAppliedOnce() throws Exception {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        pay(ann, registrationId);
        stripe.intentIs(pi, 2500, "succeeded", null);
        String payload = StripeStub.event("evt_dup_" + pi, "payment_intent.succeeded", pi);
        String signature = StripeStub.signature(payload, clock.instant(), StripeStub.WEBHOOK_SECRET);

        int deliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return deliver(payload, signature);
            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<Response> f : answers) {
            Response r = f.get();
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            results.add(r.body().get("result").asText());
        }
        pool.shutdown();
        Response later = deliver(payload, signature);

        assertThat(results).containsOnlyOnce("applied");
        assertThat(results).filteredOn("duplicate"::equals).hasSize(deliveries - 1);
        assertThat(later.body().get("result").asText()).isEqualTo("duplicate");
        assertThat(webhookEvents(pi)).isEqualTo(1);
        assertThat(confirmations(registrationId)).isEqualTo(1);
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
    }

    @Test
    void givenARefundAndAFailureEventBeforeTheSuccess_whenTheyArrive_thenTheProvidersStateDecides_andTheSuccessIsANoOp() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        pay(ann, registrationId);
        stripe.intentIs(pi, 2500, "succeeded", null);

        Response refundFirst = deliver(StripeStub.event("evt_a_" + pi, "charge.refund.updated", pi));
        Response failureNext = deliver(StripeStub.event("evt_b_" + pi, "payment_intent.payment_failed", pi));
        Response successLast = deliver(StripeStub.event("evt_c_" + pi, "payment_intent.succeeded", pi));

        assertThat(List.of(refundFirst, failureNext, successLast)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(myRegistration(ann, registrationId).get("status").asText()).isEqualTo("confirmed");
        assertThat(confirmations(registrationId)).isEqualTo(1);
        assertThat(webhookEvents(pi)).isEqualTo(3);
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
    }

    @Test
    void givenADeclinedCard_whenTheBuyerPaysAgain_thenANewAttemptWithANewKey_notRefusedAsADuplicate() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String first = newIntentId();
        stripe.createAnswers(first, 2500);
        pay(ann, registrationId);
        stripe.intentIs(first, 2500, "requires_payment_method", "insufficient_funds");

        Response declined = deliver(StripeStub.event("evt_declined_" + first, "payment_intent.payment_failed", first));
        String second = newIntentId();
        stripe.createAnswers(second, 2500);
        Response retry = pay(ann, registrationId);
        stripe.intentIs(second, 2500, "succeeded", null);
        Response paid = deliver(StripeStub.event("evt_paid_" + second, "payment_intent.succeeded", second));

        assertThat(declined.body().get("result").asText()).isEqualTo("applied");
        assertThat(retry.status()).as("%s", retry).isEqualTo(201);
        assertThat(retry.body().get("attempt").asInt()).isEqualTo(2);
        assertThat(retry.body().get("clientSecret").asText()).isEqualTo(second + "_secret_xyz");
        stripe.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("reg-" + registrationId + "-attempt-2")));
        assertThat(paid.body().get("result").asText()).isEqualTo("applied");
        assertThat(myRegistration(ann, registrationId).get("status").asText()).isEqualTo("confirmed");
        assertThat(count("SELECT count(*) FROM payments WHERE registration_id = ?::uuid AND status = 'failed'",
                registrationId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_messages WHERE topic = 'payment.failed'"
                + " AND payload ->> 'registrationId' = ?", registrationId)).isEqualTo(1);
    }

    // ---- the provider failing ----

    @Test
    void givenStripeAnswering5xx_whenPaying_thenTheSdkRetriesWithTheSameKey_andAFailedCallIsRetriedWithItToo() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        String key = "reg-" + registrationId + "-attempt-1";
        stripe.server.stubFor(post(urlPathEqualTo("/v1/payment_intents")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(StripeStub.json(500,
                        "{\"error\": {\"type\": \"api_error\", \"message\": \"try again\"}}"))
                .willSetStateTo("recovered"));
        stripe.server.stubFor(post(urlPathEqualTo("/v1/payment_intents")).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(StripeStub.json(200,
                        StripeStub.paymentIntent(pi, 2500, "requires_payment_method", null))));

        Response started = pay(ann, registrationId);

        assertThat(started.status()).as("%s", started).isEqualTo(201);
        stripe.server.verify(2, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo(key)));

        // Stripe down for longer than the SDK's retries: 503, the attempt kept, and the buyer's retry sends the same key
        String[] other = publishedEvent(owner, orgId, 1500, 10);
        String second = register(ann, other);
        stripe.server.resetAll();
        stripe.server.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(StripeStub.json(503,
                "{\"error\": {\"type\": \"api_error\", \"message\": \"down\"}}")));
        Response down = pay(ann, second);
        String pi2 = newIntentId();
        stripe.createAnswers(pi2, 1500);
        Response again = pay(ann, second);

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isNotNull();
        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(again.body().get("attempt").asInt()).isEqualTo(1);
        stripe.server.verify(4, postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("reg-" + second + "-attempt-1")));
        assertThat(count("SELECT count(*) FROM payments WHERE registration_id = ?::uuid", second)).isEqualTo(1);
    }

    // ---- the hold ran out before the money arrived ----

    @Test
    void givenTheHoldExpiredButSeatsRemain_whenThePaymentSucceeds_thenTheRegistrationIsTakenBackAndConfirmed() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        pay(ann, registrationId);
        clock.advance(Duration.ofMinutes(16));
        paying.expireHolds.run();
        assertThat(myRegistration(ann, registrationId).get("status").asText()).isEqualTo("expired");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);

        stripe.intentIs(pi, 2500, "succeeded", null);
        deliver(StripeStub.event("evt_late_" + pi, "payment_intent.succeeded", pi));

        JsonNode r = myRegistration(ann, registrationId);
        assertThat(r.get("status").asText()).isEqualTo("confirmed");
        assertThat(r.get("expiredAt").isNull()).isTrue();
        assertThat(r.get("tickets").get(0).get("status").asText()).isEqualTo("issued");
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
    }

    @Test
    void givenTheHoldExpiredAndTheSeatWasTaken_whenThePaymentSucceeds_thenItIsRefundedInFull_andTheBuyerIsTold() {
        String[] e = publishedEvent(owner, orgId, 2500, 1);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        pay(ann, registrationId);
        clock.advance(Duration.ofMinutes(16));
        paying.expireHolds.run(); // in the process that sold the seat: it offers it again at once
        register(TestTokens.newUser("Bea"), e); // the last seat goes to someone else

        stripe.intentIs(pi, 2500, "succeeded", null);
        Response hook = deliver(StripeStub.event("evt_gone_" + pi, "payment_intent.succeeded", pi));

        assertThat(hook.status()).isEqualTo(200);
        assertThat(myRegistration(ann, registrationId).get("status").asText()).isEqualTo("expired");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 1);
        stripe.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withRequestBody(matching(".*payment_intent=" + pi + ".*"))
                .withRequestBody(matching(".*amount=2500.*")));
        assertThat(count("SELECT count(*) FROM payments WHERE provider_payment_id = ? AND status = 'refunded'"
                + " AND refunded_minor = 2500", pi)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_messages WHERE topic = 'payment.refunded_automatically'"
                + " AND payload ->> 'registrationId' = ? AND payload ->> 'email' = ?", registrationId, ann.email()))
                .isEqualTo(1);
        assertThat(confirmations(registrationId)).isZero();
    }

    // ---- organizer refunds ----

    @Test
    void givenAPaidRegistration_whenTheOrganizerRefundsInParts_thenTheArithmeticHoldsToTheMinorUnit() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);
        String pi = newIntentId();
        stripe.createAnswers(pi, 2500);
        pay(ann, registrationId);
        stripe.intentIs(pi, 2500, "succeeded", null);
        deliver(StripeStub.event("evt_paid_" + pi, "payment_intent.succeeded", pi));

        Response first = refund(owner, e[0], registrationId, "{\"amountMinor\": 1000}");
        Response tooMuch = refund(owner, e[0], registrationId, "{\"amountMinor\": 1501}");
        Response zero = refund(owner, e[0], registrationId, "{\"amountMinor\": 0}");
        Response fractional = refund(owner, e[0], registrationId, "{\"amountMinor\": 10.5}");
        Response notAdmin = refund(ann, e[0], registrationId, "{\"amountMinor\": 1}");
        Response rest = refund(owner, e[0], registrationId, "{}");
        Response nothingLeft = refund(owner, e[0], registrationId, "{\"amountMinor\": 1}");

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.body().get("refundedMinor").asLong()).isEqualTo(1000);
        assertThat(first.body().get("paymentStatus").asText()).isEqualTo("partially_refunded");
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("refund_exceeds_payment");
        assertThat(tooMuch.body().get("detail").asText()).contains("Only 1500 of 2500");
        assertThat(zero.status()).isEqualTo(422);
        assertThat(fractional.status()).isEqualTo(400);
        assertThat(notAdmin.status()).isEqualTo(404);
        assertThat(rest.status()).as("%s", rest).isEqualTo(201);
        assertThat(rest.body().get("amountMinor").asLong()).isEqualTo(1500);
        assertThat(rest.body().get("refundedMinor").asLong()).isEqualTo(2500);
        assertThat(rest.body().get("paymentStatus").asText()).isEqualTo("refunded");
        assertThat(nothingLeft.status()).isEqualTo(409);
        stripe.server.verify(2, postRequestedFor(urlPathEqualTo("/v1/refunds")));
        stripe.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds")).withRequestBody(matching(".*amount=1000.*")));
        stripe.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds")).withRequestBody(matching(".*amount=1500.*")));
        assertThat(count("SELECT sum(f.amount_minor) FROM payment_refunds f JOIN payments p ON p.id = f.payment_id"
                + " WHERE p.provider_payment_id = ? AND f.status = 'succeeded'", pi)).isEqualTo(2500);
    }

    Response refund(Principal who, String eventId, String registrationId, String body) {
        return send(payments, as(who, REFUND_REGISTRATION).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId).json(body));
    }

    @Test
    void givenAWebhookAboutAPaymentThatIsNotOurs_orAnEventWithoutOne_thenAcknowledgedAndIgnored() {
        Response foreign = deliver(StripeStub.event("evt_foreign", "payment_intent.succeeded", "pi_not_ours"));
        Response unrelated = deliver("""
                {"id": "evt_customer", "object": "event", "api_version": "%s", "type": "customer.created",
                 "data": {"object": {"id": "cus_1", "object": "customer"}}}""".formatted(StripeStub.API_VERSION));

        assertThat(foreign.status()).isEqualTo(200);
        assertThat(foreign.body().get("result").asText()).isEqualTo("ignored");
        assertThat(unrelated.status()).isEqualTo(200);
        assertThat(unrelated.body().get("result").asText()).isEqualTo("ignored");
    }

    @Test
    void givenBadPaymentRequests_thenProblems_andNoAttempt() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e);

        Response unknownProvider = send(payments, as(ann, START_PAYMENT).path("registrationId", registrationId)
                .json("{\"provider\": \"bitcoin\"}"));
        Response someoneElses = pay(TestTokens.newUser("Eve"), registrationId);
        Response noBody = send(payments, as(ann, START_PAYMENT).path("registrationId", registrationId));

        assertThat(unknownProvider.status()).isEqualTo(422);
        assertThat(someoneElses.status()).isEqualTo(404);
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM payments WHERE registration_id = ?::uuid", registrationId)).isZero();
    }
}
