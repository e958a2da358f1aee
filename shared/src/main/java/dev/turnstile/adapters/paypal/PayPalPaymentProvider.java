package dev.turnstile.adapters.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paypal.sdk.Environment;
import com.paypal.sdk.PaypalServerSdkClient;
import com.paypal.sdk.authentication.ClientCredentialsAuthModel;
import com.paypal.sdk.exceptions.ApiException;
import com.paypal.sdk.models.AmountWithBreakdown;
import com.paypal.sdk.models.CaptureOrderInput;
import com.paypal.sdk.models.CheckoutPaymentIntent;
import com.paypal.sdk.models.CreateOrderInput;
import com.paypal.sdk.models.GetOrderInput;
import com.paypal.sdk.models.LinkDescription;
import com.paypal.sdk.models.Money;
import com.paypal.sdk.models.Order;
import com.paypal.sdk.models.OrderApplicationContext;
import com.paypal.sdk.models.OrderRequest;
import com.paypal.sdk.models.OrdersCapture;
import com.paypal.sdk.models.PurchaseUnitRequest;
import com.paypal.sdk.models.RefundCapturedPaymentInput;
import com.paypal.sdk.models.RefundRequest;
import dev.turnstile.common.Unavailable;
import dev.turnstile.payment.NewPayment;
import dev.turnstile.payment.PaymentProvider;
import dev.turnstile.payment.ProviderPayment;
import dev.turnstile.payment.ProviderRefund;
import dev.turnstile.payment.ProviderStatus;
import dev.turnstile.payment.WebhookEvent;
import dev.turnstile.payment.WebhookRejected;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * PayPal through its official server SDK (paypal-server-sdk, Orders v2 with intent CAPTURE): the
 * buyer approves the order at PayPal through its approval link, then we capture it (on the
 * approval webhook, after reading the order back). Every money-moving POST carries
 * {@code PayPal-Request-Id}, PayPal's idempotency key. The SDK has no webhook verification, so
 * deliveries are verified through PayPal's verify-webhook-signature API with the SDK's OAuth
 * token, the event embedded byte for byte as received.
 */
public final class PayPalPaymentProvider implements PaymentProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SIGNATURE_HEADERS = List.of("PAYPAL-AUTH-ALGO", "PAYPAL-CERT-URL",
            "PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-SIG", "PAYPAL-TRANSMISSION-TIME");

    /**
     * @param apiBase null for PayPal itself (sandbox or live); a local stub's URL in tests, to which
     *                the SDK's requests are redirected at the HTTP client
     */
    public record Settings(String clientId, String clientSecret, String webhookId, boolean live, String apiBase) {

        public Settings {
            if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()
                    || webhookId == null || webhookId.isBlank()) {
                throw new IllegalArgumentException("PayPal needs a client id, a client secret and a webhook id");
            }
        }

        @Override
        public String toString() {
            return "PayPal settings (" + (live ? "live" : "sandbox") + ", apiBase "
                    + (apiBase == null ? "default" : apiBase) + ", secrets redacted)";
        }
    }

    private final PaypalServerSdkClient client;
    private final Settings settings;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PayPalPaymentProvider(Settings settings) {
        this.settings = settings;
        // our own OkHttp client (override=false: the SDK's retry interceptor tracks requests by identity and
        // cannot follow one redirected to a stub), carrying the retries and the optional redirect
        OkHttpClient.Builder okhttp = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(20)).callTimeout(Duration.ofSeconds(60))
                .addInterceptor(new Retries(2, Duration.ofMillis(200)));
        if (settings.apiBase() != null) {
            okhttp.addInterceptor(redirectTo(HttpUrl.get(settings.apiBase())));
        }
        this.client = new PaypalServerSdkClient.Builder()
                .clientCredentialsAuth(new ClientCredentialsAuthModel.Builder(settings.clientId(), settings.clientSecret())
                        .build())
                .environment(settings.live() ? Environment.PRODUCTION : Environment.SANDBOX)
                .httpClientConfig(c -> c.timeout(20).httpClientInstance(okhttp.build(), false))
                .build();
        this.baseUrl = settings.apiBase() != null ? settings.apiBase().replaceAll("/+$", "") : client.getBaseUri();
    }

    private static Interceptor redirectTo(HttpUrl base) {
        return chain -> chain.proceed(chain.request().newBuilder()
                .url(chain.request().url().newBuilder().scheme(base.scheme()).host(base.host()).port(base.port()).build())
                .build());
    }

    /**
     * Retries a request on a connection failure or a 429/5xx answer, with backoff: every GET, and a
     * POST only when it carries a {@code PayPal-Request-Id} (PayPal then applies it once) or asks
     * for an OAuth token (harmless twice).
     */
    static final class Retries implements Interceptor {

        private final int retries;
        private final Duration firstDelay;

        Retries(int retries, Duration firstDelay) {
            this.retries = retries;
            this.firstDelay = firstDelay;
        }

        @Override
        public okhttp3.Response intercept(Chain chain) throws IOException {
            okhttp3.Request request = chain.request();
            boolean safe = request.method().equals("GET") || request.header("PayPal-Request-Id") != null
                    || request.url().encodedPath().endsWith("/oauth2/token");
            for (int attempt = 0; ; attempt++) {
                boolean last = !safe || attempt == retries;
                try {
                    okhttp3.Response response = chain.proceed(request);
                    int code = response.code();
                    if (last || (code != 429 && code < 500)) {
                        return response;
                    }
                    response.close();
                } catch (IOException e) {
                    if (last) {
                        throw e;
                    }
                }
                try {
                    Thread.sleep(firstDelay.toMillis() << attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("Interrupted between retries");
                }
            }
        }
    }

    @Override
    public String name() {
        return "paypal";
    }

    @Override
    public ProviderPayment create(NewPayment payment) {
        PurchaseUnitRequest unit = new PurchaseUnitRequest.Builder(new AmountWithBreakdown.Builder(payment.currency(),
                decimal(payment.amountMinor(), payment.currency())).build())
                .referenceId(payment.registrationId().toString())
                .customId(payment.paymentId().toString())
                .description(payment.description())
                .build();
        OrderRequest.Builder order = new OrderRequest.Builder(CheckoutPaymentIntent.CAPTURE, List.of(unit));
        if (payment.returnUrl() != null) {
            order.applicationContext(new OrderApplicationContext.Builder().returnUrl(payment.returnUrl())
                    .cancelUrl(payment.returnUrl()).build());
        }
        return map(call(() -> client.getOrdersController().createOrder(new CreateOrderInput.Builder()
                .body(order.build()).paypalRequestId(payment.idempotencyKey()).prefer("return=representation")
                .build()).getResult()));
    }

    @Override
    public ProviderPayment fetch(String providerPaymentId) {
        return map(call(() -> client.getOrdersController().getOrder(new GetOrderInput.Builder(providerPaymentId).build())
                .getResult()));
    }

    @Override
    public ProviderPayment capture(String providerPaymentId, String idempotencyKey) {
        try {
            return map(call(() -> client.getOrdersController().captureOrder(new CaptureOrderInput.Builder()
                    .id(providerPaymentId).paypalRequestId(idempotencyKey).prefer("return=representation").build())
                    .getResult()));
        } catch (IllegalStateException e) {
            return fetch(providerPaymentId); // captured already (ORDER_ALREADY_CAPTURED) or not capturable: say which
        }
    }

    /** Orders v2 has no void for an uncaptured order: we stop acting on it, and PayPal lets it lapse. */
    @Override
    public ProviderPayment cancel(String providerPaymentId, String idempotencyKey) {
        ProviderPayment now = fetch(providerPaymentId);
        if (now.status() == ProviderStatus.SUCCEEDED || now.status() == ProviderStatus.FAILED) {
            return now;
        }
        return new ProviderPayment(now.providerPaymentId(), ProviderStatus.CANCELLED, now.amountMinor(), now.currency(),
                now.refundedMinor(), null, now.redacted());
    }

    @Override
    public ProviderRefund refund(String providerPaymentId, long amountMinor, String currency, String idempotencyKey) {
        Order order = call(() -> client.getOrdersController().getOrder(new GetOrderInput.Builder(providerPaymentId).build())
                .getResult());
        OrdersCapture capture = capture(order);
        if (capture == null) {
            throw new IllegalStateException("PayPal order " + providerPaymentId + " has no capture to refund");
        }
        com.paypal.sdk.models.Refund refund = call(() -> client.getPaymentsController().refundCapturedPayment(
                new RefundCapturedPaymentInput.Builder().captureId(capture.getId()).paypalRequestId(idempotencyKey)
                        .prefer("return=representation")
                        .body(new RefundRequest.Builder().amount(new Money.Builder(currency,
                                decimal(amountMinor, currency)).build()).build())
                        .build()).getResult());
        String value = refund.getStatus() == null ? "" : refund.getStatus().value();
        ProviderRefund.Status status = switch (value) {
            case "COMPLETED" -> ProviderRefund.Status.SUCCEEDED;
            case "FAILED", "CANCELLED" -> ProviderRefund.Status.FAILED;
            default -> ProviderRefund.Status.PENDING;
        };
        Map<String, Object> redacted = new LinkedHashMap<>();
        redacted.put("id", refund.getId());
        redacted.put("status", value);
        redacted.put("capture_id", capture.getId());
        return new ProviderRefund(refund.getId(), status, amountMinor, redacted);
    }

    @Override
    public WebhookEvent verifyWebhook(Map<String, String> headers, String rawBody) {
        Map<String, String> signature = new LinkedHashMap<>();
        for (String name : SIGNATURE_HEADERS) {
            String value = header(headers, name);
            if (value == null || value.isBlank()) {
                throw new WebhookRejected(name, "A PayPal webhook carries the " + name + " header");
            }
            signature.put(name, value);
        }
        JsonNode event;
        try {
            event = rawBody == null ? null : JSON.readTree(rawBody);
        } catch (IOException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            throw new WebhookRejected("PAYPAL-TRANSMISSION-SIG", "the body is not a PayPal event");
        }
        // the event goes back to PayPal exactly as it arrived: re-serializing it could change its bytes
        String request = "{\"auth_algo\":" + quote(signature.get("PAYPAL-AUTH-ALGO"))
                + ",\"cert_url\":" + quote(signature.get("PAYPAL-CERT-URL"))
                + ",\"transmission_id\":" + quote(signature.get("PAYPAL-TRANSMISSION-ID"))
                + ",\"transmission_sig\":" + quote(signature.get("PAYPAL-TRANSMISSION-SIG"))
                + ",\"transmission_time\":" + quote(signature.get("PAYPAL-TRANSMISSION-TIME"))
                + ",\"webhook_id\":" + quote(settings.webhookId())
                + ",\"webhook_event\":" + rawBody + "}";
        String verification;
        try {
            String token = client.getClientCredentialsAuth().fetchToken().getAccessToken();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/v1/notifications/verify-webhook-signature"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(request, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                throw new Unavailable("PayPal could not verify the webhook now; it will deliver it again");
            }
            verification = JSON.readTree(response.body()).path("verification_status").asText("");
        } catch (ApiException | IOException e) {
            throw new Unavailable("PayPal could not be asked to verify the webhook; it will deliver it again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while verifying a PayPal webhook");
        }
        if (!"SUCCESS".equals(verification)) {
            throw new WebhookRejected("PAYPAL-TRANSMISSION-SIG", "does not verify");
        }
        String type = event.path("event_type").asText();
        JsonNode resource = event.path("resource");
        String orderId = type.startsWith("CHECKOUT.ORDER.") ? resource.path("id").asText(null)
                : resource.path("supplementary_data").path("related_ids").path("order_id").asText(null);
        return new WebhookEvent(event.path("id").asText(), type, orderId);
    }

    @FunctionalInterface
    private interface PayPalCall<T> {
        T run() throws ApiException, IOException;
    }

    /** The SDK's own retries (on 5xx and timeouts, with the same PayPal-Request-Id) have run by now. */
    private static <T> T call(PayPalCall<T> call) {
        try {
            return call.run();
        } catch (ApiException e) {
            if (e.getResponseCode() >= 500 || e.getResponseCode() == 429) {
                throw new Unavailable("PayPal did not answer (" + e.getResponseCode() + "); retry in a moment");
            }
            throw new IllegalStateException("PayPal refused a request with " + e.getResponseCode(), e);
        } catch (IOException e) {
            throw new Unavailable("PayPal could not be reached; retry in a moment");
        }
    }

    static ProviderPayment map(Order order) {
        String orderStatus = order.getStatus() == null ? "" : order.getStatus().value();
        OrdersCapture capture = capture(order);
        String captureStatus = capture == null || capture.getStatus() == null ? "" : capture.getStatus().value();
        ProviderStatus status = switch (orderStatus) {
            case "APPROVED" -> ProviderStatus.AUTHORIZED;
            case "VOIDED" -> ProviderStatus.CANCELLED;
            case "COMPLETED" -> switch (captureStatus) {
                case "COMPLETED", "REFUNDED", "PARTIALLY_REFUNDED" -> ProviderStatus.SUCCEEDED;
                case "DECLINED", "FAILED" -> ProviderStatus.FAILED;
                default -> ProviderStatus.PROCESSING;
            };
            default -> ProviderStatus.REQUIRES_ACTION; // CREATED, SAVED, PAYER_ACTION_REQUIRED
        };
        String currency = null;
        long amount = 0;
        if (order.getPurchaseUnits() != null && !order.getPurchaseUnits().isEmpty()
                && order.getPurchaseUnits().get(0).getAmount() != null) {
            AmountWithBreakdown a = order.getPurchaseUnits().get(0).getAmount();
            currency = a.getCurrencyCode();
            amount = minor(a.getValue(), currency);
        }
        String approval = null;
        if (status == ProviderStatus.REQUIRES_ACTION && order.getLinks() != null) {
            approval = order.getLinks().stream().filter(l -> "approve".equals(l.getRel()) || "payer-action".equals(l.getRel()))
                    .map(LinkDescription::getHref).findFirst().orElse(null);
        }
        Map<String, Object> redacted = new LinkedHashMap<>();
        redacted.put("id", order.getId());
        redacted.put("status", orderStatus);
        if (capture != null) {
            redacted.put("capture_id", capture.getId());
            redacted.put("capture_status", captureStatus);
        }
        return new ProviderPayment(order.getId(), status, amount, currency, 0,
                approval == null ? null : new ProviderPayment.BuyerAction(ProviderPayment.BuyerAction.Kind.APPROVAL_URL, approval),
                redacted);
    }

    private static OrdersCapture capture(Order order) {
        if (order.getPurchaseUnits() == null || order.getPurchaseUnits().isEmpty()
                || order.getPurchaseUnits().get(0).getPayments() == null
                || order.getPurchaseUnits().get(0).getPayments().getCaptures() == null
                || order.getPurchaseUnits().get(0).getPayments().getCaptures().isEmpty()) {
            return null;
        }
        return order.getPurchaseUnits().get(0).getPayments().getCaptures().get(0);
    }

    /** Minor units to PayPal's decimal string, by the currency's ISO 4217 exponent (JPY 0, EUR 2, ...). */
    static String decimal(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits()).toPlainString();
    }

    static long minor(String decimal, String currency) {
        return new BigDecimal(decimal).movePointRight(Currency.getInstance(currency).getDefaultFractionDigits())
                .longValueExact();
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
