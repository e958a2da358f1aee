package dev.turnstile.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.turnstile.adapters.stripe.StripePaymentProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's API as a local HTTP stub (WireMock on a random loopback port) answering with the
 * documented PaymentIntent and Refund shapes, so that the real stripe-java code runs; and webhook
 * deliveries signed exactly as Stripe signs them: {@code Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "t.payload" under the endpoint's signing secret>}.
 */
public final class StripeStub implements AutoCloseable {

    public static final String WEBHOOK_SECRET = "whsec_test_" + "0123456789abcdef";
    public static final String API_VERSION = com.stripe.Stripe.API_VERSION;

    public final WireMockServer server;

    public StripeStub() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public StripePaymentProvider provider(Clock clock) {
        return new StripePaymentProvider(new StripePaymentProvider.Settings("sk_test_stub", WEBHOOK_SECRET,
                server.baseUrl(), Duration.ofMinutes(5), 2), clock);
    }

    /** A PaymentIntent as Stripe answers it. */
    public static String paymentIntent(String id, long amount, String status, String declineCode) {
        String error = declineCode == null ? "null" : """
                {"type": "card_error", "code": "card_declined", "decline_code": "%s", "message": "Your card was declined."}"""
                .formatted(declineCode);
        return """
                {"id": "%1$s", "object": "payment_intent", "amount": %2$d, "amount_received": %3$d, "currency": "eur",
                 "status": "%4$s", "client_secret": "%1$s_secret_xyz", "livemode": false, "capture_method": "automatic",
                 "created": 1767225600, "metadata": {}, "last_payment_error": %5$s,
                 "latest_charge": %6$s, "payment_method_types": ["card"]}"""
                .formatted(id, amount, "succeeded".equals(status) ? amount : 0, status, error,
                        "succeeded".equals(status) ? "\"ch_" + id + "\"" : "null");
    }

    /** Creating a PaymentIntent answers with a new one waiting for the buyer's card. */
    public void createAnswers(String id, long amount) {
        server.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(200,
                paymentIntent(id, amount, "requires_payment_method", null))));
    }

    /** What retrieving the PaymentIntent answers from now on. */
    public void intentIs(String id, long amount, String status, String declineCode) {
        server.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + id)).willReturn(json(200,
                paymentIntent(id, amount, status, declineCode))));
    }

    public void refundsSucceed() {
        server.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(200, """
                {"id": "re_1", "object": "refund", "amount": 100, "currency": "eur", "status": "succeeded",
                 "payment_intent": "pi", "created": 1767225600}""")));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_stub").withBody(body);
    }

    /** A webhook event about a PaymentIntent (or, for charge.* types, a charge of it), as Stripe sends it. */
    public static String event(String eventId, String type, String paymentIntentId) {
        String object = type.startsWith("charge.")
                ? """
                  {"id": "ch_%1$s", "object": "charge", "payment_intent": "%1$s", "amount": 2500, "amount_refunded": 2500}"""
                        .formatted(paymentIntentId)
                : paymentIntent(paymentIntentId, 2500, type.endsWith("succeeded") ? "succeeded" : "requires_payment_method",
                        null);
        return """
                {"id": "%s", "object": "event", "api_version": "%s", "created": 1767225600, "livemode": false,
                 "pending_webhooks": 1, "type": "%s", "data": {"object": %s}}""".formatted(eventId, API_VERSION, type, object);
    }

    /** The Stripe-Signature header for a payload signed at the given time with the given secret. */
    public static String signature(String payload, Instant at, String secret) {
        long t = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return "t=" + t + ",v1=" + v1;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
