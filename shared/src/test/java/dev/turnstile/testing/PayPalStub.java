package dev.turnstile.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.turnstile.adapters.paypal.PayPalPaymentProvider;
import java.util.Map;

/**
 * PayPal's REST API as a local HTTP stub (WireMock on a random loopback port) with the documented
 * shapes of OAuth tokens, Orders v2, captures, refunds and verify-webhook-signature, so that the
 * real paypal-server-sdk code runs. The verification endpoint answers SUCCESS only for the
 * transmission signature {@link #GOOD_SIGNATURE} and this stub's webhook id, as PayPal would only
 * for a delivery it signed for that webhook.
 */
public final class PayPalStub implements AutoCloseable {

    public static final String WEBHOOK_ID = "8PT597110X687430LKGECATA";
    public static final String GOOD_SIGNATURE = "paypal-signed-this";

    public final WireMockServer server;

    public PayPalStub() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        reset();
    }

    public PayPalPaymentProvider provider() {
        return new PayPalPaymentProvider(new PayPalPaymentProvider.Settings("client-id", "client-secret", WEBHOOK_ID,
                false, server.baseUrl()));
    }

    public void reset() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/v1/oauth2/token")).willReturn(json(200, """
                {"scope": "https://uri.paypal.com/services/payments/payment", "access_token": "A21AAstub",
                 "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": 31668, "nonce": "n"}""")));
        server.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature"))
                .willReturn(json(200, "{\"verification_status\": \"FAILURE\"}")));
        server.stubFor(post(urlPathEqualTo("/v1/notifications/verify-webhook-signature"))
                .withRequestBody(matchingJsonPath("$.transmission_sig", equalTo(GOOD_SIGNATURE)))
                .withRequestBody(matchingJsonPath("$.webhook_id", equalTo(WEBHOOK_ID)))
                .atPriority(1)
                .willReturn(json(200, "{\"verification_status\": \"SUCCESS\"}")));
    }

    /** An Orders v2 order; {@code captureStatus} non-null once captured. */
    public static String order(String id, String status, String value, String captureStatus) {
        String payments = captureStatus == null ? "" : """
                , "payments": {"captures": [{"id": "CAP-%s", "status": "%s", "final_capture": true,
                  "amount": {"currency_code": "EUR", "value": "%s"}}]}""".formatted(id, captureStatus, value);
        return """
                {"id": "%1$s", "status": "%2$s", "intent": "CAPTURE",
                 "purchase_units": [{"reference_id": "default", "amount": {"currency_code": "EUR", "value": "%3$s"}%4$s}],
                 "links": [{"href": "https://api.sandbox.paypal.com/v2/checkout/orders/%1$s", "rel": "self", "method": "GET"},
                           {"href": "https://www.sandbox.paypal.com/checkoutnow?token=%1$s", "rel": "approve", "method": "GET"}]}"""
                .formatted(id, status, value, payments);
    }

    public void createAnswers(String id, String value) {
        server.stubFor(post(urlPathEqualTo("/v2/checkout/orders")).willReturn(json(201, order(id, "CREATED", value, null))));
    }

    public void orderIs(String id, String status, String value, String captureStatus) {
        server.stubFor(get(urlPathEqualTo("/v2/checkout/orders/" + id)).willReturn(json(200,
                order(id, status, value, captureStatus))));
    }

    /** Capturing answers with the completed order, and reading it afterwards does too. */
    public void captureCompletes(String id, String value) {
        server.stubFor(post(urlPathEqualTo("/v2/checkout/orders/" + id + "/capture")).willReturn(json(201,
                order(id, "COMPLETED", value, "COMPLETED"))));
    }

    public static String event(String eventId, String type, String orderId) {
        String resource = type.startsWith("CHECKOUT.ORDER.")
                ? "{\"id\": \"" + orderId + "\", \"status\": \"APPROVED\"}"
                : "{\"id\": \"CAP-" + orderId + "\", \"status\": \"COMPLETED\", \"supplementary_data\": {\"related_ids\":"
                        + " {\"order_id\": \"" + orderId + "\"}}}";
        return """
                {"id": "%s", "event_version": "1.0", "create_time": "2026-12-01T10:00:00.000Z", "resource_type": "checkout-order",
                 "event_type": "%s", "summary": "An order has been approved by buyer", "resource": %s}"""
                .formatted(eventId, type, resource);
    }

    /** The transmission headers PayPal sends with a webhook delivery. */
    public static Map<String, String> headers(String signature) {
        return Map.of("PAYPAL-AUTH-ALGO", "SHA256withRSA",
                "PAYPAL-CERT-URL", "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270",
                "PAYPAL-TRANSMISSION-ID", "103e3700-8b0c-11e6-8695-6b62a8a99ac4",
                "PAYPAL-TRANSMISSION-SIG", signature,
                "PAYPAL-TRANSMISSION-TIME", "2026-12-01T10:00:01Z");
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
