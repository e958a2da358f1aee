package dev.turnstile.functions.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.adapters.crypto.AesGcmKeySealer;
import dev.turnstile.identity.Principal;
import dev.turnstile.payment.PaymentProviders;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.PayPalStub;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A paid registration through PayPal (Orders v2) via the Lambda handlers: the real
 * paypal-server-sdk against a local stub of PayPal's API, webhooks verified through the stub's
 * verify-webhook-signature endpoint.
 */
class PayPalPaymentApiTest extends ApiTestSupport {

    static final PayPalStub paypal = new PayPalStub();
    static final Services paying = new Services(db.app(), tokens.verifier(), door.ports(), PaymentProviders.of(List.of(paypal.provider())),
            clock);
    static final PaymentsFunction payments = new PaymentsFunction(paying);
    static final PaymentWebhooksFunction webhooks = new PaymentWebhooksFunction(paying);
    static final RegistrationsFunction registrations = new RegistrationsFunction(paying);

    final Principal owner = TestTokens.newUser("Owen");
    final Principal ann = TestTokens.newUser("Ann");
    String orgId;

    @BeforeEach
    void anOrganization() {
        orgId = createOrg(owner);
        paypal.reset();
    }

    @AfterAll
    static void stopStub() {
        paypal.close();
    }

    static Response deliver(String payload, Map<String, String> headers) {
        ApiCall call = ApiCall.to(PAYPAL_WEBHOOK).json(payload);
        headers.forEach(call::header);
        return send(webhooks, call);
    }

    @Test
    void givenAPendingRegistration_whenTheBuyerApprovesAtPayPal_thenWeCaptureAndConfirm() {
        String[] e = publishedEvent(owner, orgId, 2550, 10);
        Response registered = send(registrations, as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Ann")));
        String registrationId = registered.body().get("id").asText();
        String order = "5O190127TN364715T" + registrationId.substring(0, 4).toUpperCase();
        paypal.createAnswers(order, "25.50");

        Response started = send(payments, as(ann, START_PAYMENT).path("registrationId", registrationId)
                .json("{\"provider\": \"paypal\", \"returnUrl\": \"https://tickets.example.com/return\"}"));

        assertThat(started.status()).as("%s", started).isEqualTo(201);
        assertThat(started.body().get("approvalUrl").asText()).endsWith("token=" + order);
        paypal.server.verify(1, postRequestedFor(urlPathEqualTo("/v2/checkout/orders"))
                .withHeader("PayPal-Request-Id", equalTo("reg-" + registrationId + "-attempt-1"))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("25.50")))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.currency_code", equalTo("EUR")))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].reference_id", equalTo(registrationId))));

        // a forged delivery: PayPal does not vouch for it, nothing happens
        paypal.orderIs(order, "APPROVED", "25.50", null);
        paypal.captureCompletes(order, "25.50");
        String approved = PayPalStub.event("WH-" + order, "CHECKOUT.ORDER.APPROVED", order);
        Response forged = deliver(approved, PayPalStub.headers("forged"));
        Response unsigned = deliver(approved, Map.of());
        assertThat(forged.status()).isEqualTo(400);
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(soldAndHeld(e[1])).containsExactly(0, 1);
        paypal.server.verify(0, postRequestedFor(urlPathEqualTo("/v2/checkout/orders/" + order + "/capture")));

        Response hook = deliver(approved, PayPalStub.headers(PayPalStub.GOOD_SIGNATURE));
        paypal.orderIs(order, "COMPLETED", "25.50", "COMPLETED");
        Response completed = deliver(PayPalStub.event("WH-C-" + order, "PAYMENT.CAPTURE.COMPLETED", order),
                PayPalStub.headers(PayPalStub.GOOD_SIGNATURE));
        Response again = deliver(approved, PayPalStub.headers(PayPalStub.GOOD_SIGNATURE));

        assertThat(hook.status()).as("%s", hook).isEqualTo(200);
        assertThat(hook.body().get("result").asText()).isEqualTo("applied");
        assertThat(completed.body().get("result").asText()).isEqualTo("applied");
        assertThat(again.body().get("result").asText()).isEqualTo("duplicate");
        paypal.server.verify(1, postRequestedFor(urlPathEqualTo("/v2/checkout/orders/" + order + "/capture"))
                .withHeader("PayPal-Request-Id", equalTo("reg-" + registrationId + "-attempt-1-capture")));
        // the event went to PayPal's verification exactly as it arrived
        paypal.server.verify(postRequestedFor(urlPathEqualTo("/v1/notifications/verify-webhook-signature"))
                .withRequestBody(matchingJsonPath("$.webhook_event.id", equalTo("WH-" + order))));
        var mine = send(registrations, as(ann, GET_MY_REGISTRATION).path("registrationId", registrationId)).body();
        assertThat(mine.get("status").asText()).isEqualTo("confirmed");
        assertThat(mine.get("tickets").get(0).get("status").asText()).isEqualTo("issued");
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
        assertThat(count("SELECT count(*) FROM payments WHERE provider = 'paypal' AND provider_payment_id = ?"
                + " AND status = 'succeeded' AND provider_response ->> 'capture_id' = ?", order, "CAP-" + order))
                .isEqualTo(1);
    }
}
