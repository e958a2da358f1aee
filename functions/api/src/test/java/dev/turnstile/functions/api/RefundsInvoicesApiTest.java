package dev.turnstile.functions.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.identity.Principal;
import dev.turnstile.payment.PaymentProviders;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.StripeStub;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refunds that the tickets, the seats and the registration follow; refund state from the
 * provider's webhooks; tax and gapless invoices; the reconciliation. Through the Lambda handlers,
 * against the real PostgreSQL and the real stripe-java pointed at a local Stripe stub.
 */
class RefundsInvoicesApiTest extends ApiTestSupport {

    static final StripeStub stripe = new StripeStub();
    static final Services paying = new Services(db.app(), tokens.verifier(), door.ports(),
            PaymentProviders.of(List.of(stripe.provider(clock))), clock);
    static final PaymentsFunction payments = new PaymentsFunction(paying);
    static final PaymentWebhooksFunction webhooks = new PaymentWebhooksFunction(paying);
    static final RegistrationsFunction registrations = new RegistrationsFunction(paying);
    static final RegistrationAdminFunction admin = new RegistrationAdminFunction(paying);

    final Principal owner = TestTokens.newUser("Owen");
    final Principal ann = TestTokens.newUser("Ann");
    String orgId;

    @BeforeEach
    void anOrganization() {
        orgId = createOrg(owner);
        stripe.server.resetAll();
        stripe.refundsSucceed();
    }

    @AfterAll
    static void stopStub() {
        stripe.close();
    }

    // ---- helpers ----

    String register(Principal who, String ticketTypeId, int tickets) {
        StringBuilder body = new StringBuilder("{\"tickets\": [");
        for (int i = 0; i < tickets; i++) {
            body.append(i == 0 ? "" : ",").append("{\"ticketTypeId\": \"").append(ticketTypeId)
                    .append("\", \"attendeeName\": \"Guest ").append(i + 1).append("\"}");
        }
        Response r = send(registrations, as(who, REGISTER).path("eventId", eventOf(ticketTypeId)).json(body + "]}"));
        assertThat(r.status()).as("register: %s", r).isEqualTo(201);
        return r.body().get("id").asText();
    }

    static String eventOf(String ticketTypeId) {
        try (var c = db.owner().getConnection();
             var ps = c.prepareStatement("SELECT event_id::text FROM ticket_types WHERE id = ?::uuid")) {
            ps.setString(1, ticketTypeId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pays the registration at the stub and delivers the success webhook; returns the PaymentIntent id. */
    String payAndConfirm(Principal who, String registrationId, long amount) {
        String pi = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        stripe.createAnswers(pi, amount);
        Response started = send(payments, as(who, START_PAYMENT).path("registrationId", registrationId)
                .json("{\"provider\": \"stripe\"}"));
        assertThat(started.status()).as("%s", started).isEqualTo(201);
        assertThat(started.body().get("amountMinor").asLong()).isEqualTo(amount);
        stripe.intentIs(pi, amount, "succeeded", null);
        Response hook = deliver(StripeStub.event("evt_" + pi, "payment_intent.succeeded", pi));
        assertThat(hook.body().get("result").asText()).isEqualTo("applied");
        return pi;
    }

    static Response deliver(String payload) {
        return send(webhooks, ApiCall.to(STRIPE_WEBHOOK).json(payload).header("Stripe-Signature",
                StripeStub.signature(payload, clock.instant(), StripeStub.WEBHOOK_SECRET)));
    }

    Response refund(Principal who, String eventId, String registrationId, String body) {
        return send(payments, as(who, REFUND_REGISTRATION).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId).json(body));
    }

    JsonNode registration(String eventId, String registrationId) {
        return send(admin, as(owner, GET_REGISTRATION).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId)).body();
    }

    static long outbox(String topic, String registrationId) {
        return count("SELECT count(*) FROM outbox_messages WHERE topic = ? AND payload ->> 'registrationId' = ?", topic,
                registrationId);
    }

    static <T> List<T> atOnce(int n, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return work.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }

    String taxRate(String name, String percent, boolean inclusive) {
        Response r = send(payments, as(owner, CREATE_TAX_RATE).path("orgId", orgId).json(
                "{\"name\": \"%s\", \"percent\": %s, \"inclusive\": %s}".formatted(name, percent, inclusive)));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.body().get("id").asText();
    }

    void charge(String eventId, String ticketTypeId, String taxRateId) {
        Response r = send(payments, as(owner, SET_TICKET_TYPE_TAX_RATE).path("orgId", orgId).path("eventId", eventId)
                .path("ticketTypeId", ticketTypeId).json("{\"taxRateId\": \"%s\"}".formatted(taxRateId)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    // ---- refunds the rest of the system follows ----

    @Test
    void givenTwoPaidTickets_whenOneIsRefunded_thenItAlone_endsAndFreesItsSeat_andTheRestThenRefundsTheRegistration() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e[1], 2);
        payAndConfirm(ann, registrationId, 5000);
        JsonNode tickets = registration(e[0], registrationId).get("tickets");
        String first = tickets.get(0).get("id").asText();
        assertThat(soldAndHeld(e[1])).containsExactly(2, 0);

        Response one = refund(owner, e[0], registrationId, "{\"ticketIds\": [\"" + first + "\"]}");

        assertThat(one.status()).as("%s", one).isEqualTo(201);
        assertThat(one.body().get("amountMinor").asLong()).isEqualTo(2500);
        assertThat(one.body().get("paymentStatus").asText()).isEqualTo("partially_refunded");
        assertThat(one.body().get("registrationStatus").asText()).isEqualTo("confirmed");
        JsonNode after = registration(e[0], registrationId);
        assertThat(after.get("tickets").get(0).get("status").asText()).isEqualTo("refunded");
        assertThat(after.get("tickets").get(1).get("status").asText()).isEqualTo("issued");
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
        assertThat(outbox("ticket.refunded", registrationId)).isEqualTo(1);

        Response again = refund(owner, e[0], registrationId, "{\"ticketIds\": [\"" + first + "\"]}");
        Response rest = refund(owner, e[0], registrationId, "{}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ticket_not_refundable");
        assertThat(rest.status()).as("%s", rest).isEqualTo(201);
        assertThat(rest.body().get("amountMinor").asLong()).isEqualTo(2500);
        assertThat(rest.body().get("refundedMinor").asLong()).isEqualTo(5000);
        assertThat(rest.body().get("paymentStatus").asText()).isEqualTo("refunded");
        assertThat(rest.body().get("registrationStatus").asText()).isEqualTo("refunded");
        assertThat(registration(e[0], registrationId).get("tickets").findValuesAsText("status"))
                .containsExactly("refunded", "refunded");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);
        assertThat(outbox("registration.refunded", registrationId)).isEqualTo(1);
        assertThat(refund(owner, e[0], registrationId, "{}").status()).isEqualTo(409);
        // credit notes follow the invoice: 1 invoice, 2 credit notes, numbered on
        assertThat(count("SELECT count(*) FROM invoices WHERE registration_id = ?::uuid AND kind = 'credit_note'",
                registrationId)).isEqualTo(2);
        assertThat(count("SELECT sum(gross_minor) FROM invoices WHERE registration_id = ?::uuid AND kind = 'credit_note'",
                registrationId)).isEqualTo(5000);
    }

    @Test
    void givenManyRefundsAtOnce_whenTheyRace_thenTogetherTheyNeverExceedWhatWasPaid() throws Exception {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e[1], 1);
        String pi = payAndConfirm(ann, registrationId, 2500);

        List<Integer> statuses = atOnce(10, () -> refund(owner, e[0], registrationId, "{\"amountMinor\": 1000}").status());
        List<Integer> full = atOnce(6, () -> refund(owner, e[0], registrationId, "{}").status());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(8);
        assertThat(full).filteredOn(s -> s == 201).hasSize(1);
        assertThat(full).filteredOn(s -> s == 409).hasSize(5);
        assertThat(count("SELECT sum(f.amount_minor) FROM payment_refunds f JOIN payments p ON p.id = f.payment_id"
                + " WHERE p.provider_payment_id = ?", pi)).isEqualTo(2500);
        assertThat(count("SELECT refunded_minor FROM payments WHERE provider_payment_id = ?", pi)).isEqualTo(2500);
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);
        assertThat(outbox("registration.refunded", registrationId)).isEqualTo(1);
    }

    @Test
    void givenARefundTheProviderSettlesLater_whenItsWebhooksArrive_thenTheRefundFollows_successAndFailureAlike() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e[1], 1);
        String pi = payAndConfirm(ann, registrationId, 2500);
        stripe.refundsAnswer("re_slow_" + pi, 1000, "pending");

        Response pending = refund(owner, e[0], registrationId, "{\"amountMinor\": 1000}");

        assertThat(pending.status()).as("%s", pending).isEqualTo(201);
        assertThat(pending.body().get("status").asText()).isEqualTo("pending");
        assertThat(pending.body().get("refundedMinor").asLong()).isZero();

        stripe.refundIs("re_slow_" + pi, pi, 1000, "succeeded");
        Response settled = deliver(StripeStub.refundEvent("evt_re1_" + pi, "refund.updated", "re_slow_" + pi, pi, 1000,
                "succeeded"));

        assertThat(settled.status()).isEqualTo(200);
        assertThat(count("SELECT refunded_minor FROM payments WHERE provider_payment_id = ?", pi)).isEqualTo(1000);
        stripe.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds"))); // read back, never requested twice

        stripe.refundsAnswer("re_bad_" + pi, 500, "pending");
        refund(owner, e[0], registrationId, "{\"amountMinor\": 500}");
        stripe.refundIs("re_bad_" + pi, pi, 500, "failed");
        deliver(StripeStub.refundEvent("evt_re2_" + pi, "refund.failed", "re_bad_" + pi, pi, 500, "failed"));

        assertThat(count("SELECT count(*) FROM payment_refunds WHERE provider_refund_id = ? AND status = 'failed'",
                "re_bad_" + pi)).isEqualTo(1);
        assertThat(count("SELECT refunded_minor FROM payments WHERE provider_payment_id = ?", pi)).isEqualTo(1000);
        assertThat(outbox("payment.refund_failed", registrationId)).isEqualTo(1);
        // a failed refund gives its amount back to what can still be refunded
        stripe.refundsSucceed();
        Response rest = refund(owner, e[0], registrationId, "{}");
        assertThat(rest.body().get("amountMinor").asLong()).isEqualTo(1500);
        assertThat(rest.body().get("refundedMinor").asLong()).isEqualTo(2500);
    }

    @Test
    void givenBadRefundRequests_thenProblems_andNothingChanges() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String registrationId = register(ann, e[1], 1);
        payAndConfirm(ann, registrationId, 2500);
        String ticket = registration(e[0], registrationId).get("tickets").get(0).get("id").asText();

        Response both = refund(owner, e[0], registrationId, "{\"amountMinor\": 1, \"ticketIds\": [\"" + ticket + "\"]}");
        Response empty = refund(owner, e[0], registrationId, "{\"ticketIds\": []}");
        Response notAUuid = refund(owner, e[0], registrationId, "{\"ticketIds\": [\"nope\"]}");
        Response foreign = refund(owner, e[0], registrationId, "{\"ticketIds\": [\"" + UUID.randomUUID() + "\"]}");
        Response notAdmin = refund(ann, e[0], registrationId, "{\"ticketIds\": [\"" + ticket + "\"]}");

        assertThat(both.status()).isEqualTo(422);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(notAUuid.status()).isEqualTo(400);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(notAdmin.status()).isEqualTo(404);
        for (Response r : List.of(both, empty, notAUuid, foreign, notAdmin)) {
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(registration(e[0], registrationId).get("tickets").get(0).get("status").asText()).isEqualTo("issued");
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
        assertThat(count("SELECT count(*) FROM payment_refunds f JOIN payments p ON p.id = f.payment_id"
                + " WHERE p.registration_id = ?::uuid", registrationId)).isZero();
    }

    // ---- tax and invoices ----

    @Test
    void givenAnExclusiveRate_whenATicketIsBought_thenTheTaxIsAddedAndInvoicedToTheMinorUnit() {
        String[] e = publishedEvent(owner, orgId, 999, 10);
        charge(e[0], e[1], taxRate("Reduced", "7.7", false));

        String registrationId = register(ann, e[1], 2);
        payAndConfirm(ann, registrationId, 2 * 1076); // 999 × 7.7 % = 76.923 → 77 per ticket, half up

        assertThat(count("SELECT total_minor FROM registrations WHERE id = ?::uuid", registrationId)).isEqualTo(2152);
        assertThat(count("SELECT count(*) FROM invoices WHERE registration_id = ?::uuid AND kind = 'invoice'"
                + " AND net_minor = 1998 AND tax_minor = 154 AND gross_minor = 2152", registrationId)).isEqualTo(1);
        assertThat(count("SELECT number FROM invoices WHERE registration_id = ?::uuid", registrationId)).isEqualTo(1);
    }

    @Test
    void givenAnInclusiveRate_whenATicketIsBought_thenThePriceContainsTheTax_andBothSidesDownloadTheInvoice()
            throws Exception {
        String[] e = publishedEvent(owner, orgId, 1190, 10);
        charge(e[0], e[1], taxRate("VAT", "19", true));

        String registrationId = register(ann, e[1], 1);
        payAndConfirm(ann, registrationId, 1190);

        assertThat(count("SELECT count(*) FROM invoices WHERE registration_id = ?::uuid AND net_minor = 1000"
                + " AND tax_minor = 190 AND gross_minor = 1190", registrationId)).isEqualTo(1);
        var mine = payments.handleRequest(as(ann, DOWNLOAD_MY_INVOICE).path("registrationId", registrationId).event(), null);
        var organizers = payments.handleRequest(as(owner, DOWNLOAD_INVOICE).path("orgId", orgId).path("eventId", e[0])
                .path("registrationId", registrationId).event(), null);
        Response someoneElse = send(payments, as(TestTokens.newUser("Eve"), DOWNLOAD_MY_INVOICE)
                .path("registrationId", registrationId));
        Response staffOfAnother = send(payments, as(TestTokens.newUser("Mallory"), DOWNLOAD_INVOICE).path("orgId", orgId)
                .path("eventId", e[0]).path("registrationId", registrationId));
        assertThat(mine.getStatusCode()).isEqualTo(200);
        assertThat(mine.getHeaders().get("Content-Type")).isEqualTo("application/pdf");
        assertThat(organizers.getStatusCode()).isEqualTo(200);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(java.util.Base64.getDecoder().decode(mine.getBody()))) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertThat(text).contains("Invoice INV-000001", "10.00", "1.90", "11.90 EUR", "19 % incl.");
        }
        assertThat(someoneElse.status()).isEqualTo(404);
        assertThat(staffOfAnother.status()).isEqualTo(404);
        // invoices are immutable, even to the schema's owner
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> count(
                "WITH x AS (UPDATE invoices SET tax_minor = 0 WHERE registration_id = ?::uuid RETURNING 1)"
                        + " SELECT count(*) FROM x", registrationId)).hasMessageContaining("immutable");
    }

    @Test
    void givenBadTaxRates_thenProblems() {
        for (String percent : List.of("101", "-1", "19.12345", "\"x\"")) {
            Response r = send(payments, as(owner, CREATE_TAX_RATE).path("orgId", orgId)
                    .json("{\"name\": \"Bad\", \"percent\": %s, \"inclusive\": true}".formatted(percent)));
            assertThat(r.status()).as("%s: %s", percent, r).isIn(400, 422);
        }
        assertThat(send(payments, as(owner, CREATE_TAX_RATE).path("orgId", orgId).json("{\"name\": \"No flag\", \"percent\": 5}"))
                .status()).isEqualTo(422);
        assertThat(send(payments, as(owner, LIST_TAX_RATES).path("orgId", orgId)).body().get("items").size()).isZero();
    }

    @Test
    void givenFiftyPaymentsConfirmedAtOnce_whenInvoicesAreNumbered_thenTheyAreOneToFiftyWithoutGaps() throws Exception {
        String[] e = publishedEvent(owner, orgId, 1000, 60);
        List<String> intents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Principal buyer = TestTokens.newUser("Buyer" + i);
            String registrationId = register(buyer, e[1], 1);
            String pi = "pi_inv" + i + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            stripe.createAnswers(pi, 1000);
            assertThat(send(payments, as(buyer, START_PAYMENT).path("registrationId", registrationId)
                    .json("{\"provider\": \"stripe\"}")).status()).isEqualTo(201);
            stripe.intentIs(pi, 1000, "succeeded", null);
            intents.add(pi);
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        List<Integer> answers = atOnce(50, () -> {
            String pi = intents.get(next.getAndIncrement());
            return deliver(StripeStub.event("evt_" + pi, "payment_intent.succeeded", pi)).status();
        });

        assertThat(answers).containsOnly(200);
        List<Long> numbers = new ArrayList<>();
        try (var c = db.owner().getConnection();
             var ps = c.prepareStatement("SELECT number FROM invoices WHERE org_id = ?::uuid ORDER BY number")) {
            ps.setString(1, orgId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.add(rs.getLong(1));
                }
            }
        }
        assertThat(numbers).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
    }

    // ---- reconciliation ----

    @Test
    void givenASuccessWhoseWebhookNeverCame_whenReconciling_thenItIsConfirmed_andWhatCannotBeRepairedIsFlagged() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        String lost = register(ann, e[1], 1);
        String pi = "pi_lost" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stripe.createAnswers(pi, 2500);
        send(payments, as(ann, START_PAYMENT).path("registrationId", lost).json("{\"provider\": \"stripe\"}"));
        stripe.intentIs(pi, 2500, "succeeded", null); // paid at Stripe; no webhook is ever delivered

        Principal bea = TestTokens.newUser("Bea");
        String drifted = register(bea, e[1], 1);
        String pi2 = payAndConfirm(bea, drifted, 2500);
        stripe.intentIs(pi2, 2500, "canceled", null); // Stripe disagrees with a payment we hold as paid

        var first = paying.reconcilePayments.run();
        var second = paying.reconcilePayments.run();

        assertThat(registration(e[0], lost).get("status").asText()).isEqualTo("confirmed");
        assertThat(count("SELECT count(*) FROM invoices WHERE registration_id = ?::uuid", lost)).isEqualTo(1);
        assertThat(first.repaired()).isGreaterThanOrEqualTo(1);
        assertThat(second.repaired()).isZero();
        assertThat(count("SELECT count(*) FROM payment_discrepancies d JOIN payments p ON p.id = d.payment_id"
                + " WHERE p.provider_payment_id = ? AND d.kind = 'paid_here_not_at_provider' AND d.resolved_at IS NULL",
                pi2)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payment_discrepancies d JOIN payments p ON p.id = d.payment_id"
                + " WHERE p.provider_payment_id = ?", pi)).isZero();

        stripe.intentIs(pi2, 2500, "succeeded", null); // the provider's side put right: the finding resolves
        paying.reconcilePayments.run();
        assertThat(count("SELECT count(*) FROM payment_discrepancies d JOIN payments p ON p.id = d.payment_id"
                + " WHERE p.provider_payment_id = ? AND d.resolved_at IS NOT NULL", pi2)).isEqualTo(1);
    }
}
