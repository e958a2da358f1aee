package dev.turnstile.adapters.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.turnstile.common.Unavailable;
import dev.turnstile.payment.NewPayment;
import dev.turnstile.payment.PaymentProvider;
import dev.turnstile.payment.ProviderPayment;
import dev.turnstile.payment.ProviderRefund;
import dev.turnstile.payment.ProviderStatus;
import dev.turnstile.payment.WebhookEvent;
import dev.turnstile.payment.WebhookRejected;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stripe through its official SDK (stripe-java, PaymentIntents with automatic capture). The
 * buyer confirms the PaymentIntent in the browser with its client secret (Stripe.js), so card
 * data goes from the browser to Stripe and never through us. Webhooks are verified with the
 * SDK's own {@link Webhook#constructEvent} (HMAC-SHA256 of {@code timestamp.payload}, with a
 * timestamp tolerance against replays).
 */
public final class StripePaymentProvider implements PaymentProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param apiBase null for Stripe itself; a local stub's URL in tests
     */
    public record Settings(String secretKey, String webhookSecret, String apiBase, Duration webhookTolerance,
                           int maxNetworkRetries) {

        public Settings {
            if (secretKey == null || secretKey.isBlank() || webhookSecret == null || webhookSecret.isBlank()) {
                throw new IllegalArgumentException("Stripe needs a secret key and a webhook signing secret");
            }
        }

        @Override
        public String toString() {
            return "Stripe settings (apiBase " + (apiBase == null ? "default" : apiBase) + ", secrets redacted)";
        }
    }

    private final StripeClient client;
    private final Settings settings;
    private final Clock clock;

    public StripePaymentProvider(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setConnectTimeout(5_000)
                .setReadTimeout(20_000);
        if (settings.apiBase() != null) {
            builder.setApiBase(settings.apiBase());
        }
        this.client = builder.build();
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public ProviderPayment create(NewPayment payment) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(payment.amountMinor())
                .setCurrency(payment.currency().toLowerCase(Locale.ROOT))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true).build())
                .setDescription(payment.description())
                .putAllMetadata(payment.metadata())
                .build();
        return map(call(() -> client.v1().paymentIntents().create(params, keyed(payment.idempotencyKey()))));
    }

    @Override
    public ProviderPayment fetch(String providerPaymentId) {
        return map(call(() -> client.v1().paymentIntents().retrieve(providerPaymentId)));
    }

    @Override
    public ProviderPayment capture(String providerPaymentId, String idempotencyKey) {
        return map(call(() -> client.v1().paymentIntents().capture(providerPaymentId,
                PaymentIntentCaptureParams.builder().build(), keyed(idempotencyKey))));
    }

    @Override
    public ProviderPayment cancel(String providerPaymentId, String idempotencyKey) {
        try {
            return map(call(() -> client.v1().paymentIntents().cancel(providerPaymentId,
                    PaymentIntentCancelParams.builder().build(), keyed(idempotencyKey))));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof InvalidRequestException) {
                return fetch(providerPaymentId); // succeeded or cancelled already: say which
            }
            throw e;
        }
    }

    @Override
    public ProviderRefund refund(String providerPaymentId, long amountMinor, String currency, String idempotencyKey) {
        com.stripe.model.Refund refund = call(() -> client.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(providerPaymentId).setAmount(amountMinor).build(), keyed(idempotencyKey)));
        ProviderRefund.Status status = switch (refund.getStatus() == null ? "" : refund.getStatus()) {
            case "succeeded" -> ProviderRefund.Status.SUCCEEDED;
            case "failed", "canceled" -> ProviderRefund.Status.FAILED;
            default -> ProviderRefund.Status.PENDING;
        };
        Map<String, Object> redacted = new LinkedHashMap<>();
        redacted.put("id", refund.getId());
        redacted.put("status", refund.getStatus());
        redacted.put("amount", refund.getAmount());
        return new ProviderRefund(refund.getId(), status, refund.getAmount() == null ? amountMinor : refund.getAmount(),
                redacted);
    }

    @Override
    public WebhookEvent verifyWebhook(Map<String, String> headers, String rawBody) {
        String signature = header(headers, "Stripe-Signature");
        if (signature == null || rawBody == null) {
            throw new WebhookRejected("Stripe-Signature", "A Stripe webhook carries a Stripe-Signature header and a body");
        }
        try {
            Webhook.constructEvent(rawBody, signature, settings.webhookSecret(), settings.webhookTolerance().toSeconds(),
                    clock);
        } catch (SignatureVerificationException e) {
            throw new WebhookRejected("Stripe-Signature", "does not verify: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new WebhookRejected("Stripe-Signature", "the signed body is not a Stripe event");
        }
        try {
            // the SDK checked the signature over these exact bytes; we read only ids from them
            JsonNode event = JSON.readTree(rawBody);
            JsonNode object = event.path("data").path("object");
            String paymentIntent = "payment_intent".equals(object.path("object").asText())
                    ? object.path("id").asText(null)
                    : object.path("payment_intent").isTextual() ? object.path("payment_intent").asText() : null;
            return new WebhookEvent(event.path("id").asText(), event.path("type").asText(), paymentIntent);
        } catch (IOException e) {
            throw new WebhookRejected("Stripe-Signature", "the signed body is not JSON");
        }
    }

    private static RequestOptions keyed(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    /** Stripe's own retries (on 5xx, 409, connection errors, with the same idempotency key) have run by now. */
    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (ApiConnectionException | ApiException e) { // ApiException covers 5xx and rate limits
            throw new Unavailable("Stripe did not answer (" + e.getClass().getSimpleName() + "); retry in a moment");
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe refused a request: " + e.getCode() + " (request " + e.getRequestId() + ")", e);
        }
    }

    static ProviderPayment map(PaymentIntent pi) {
        ProviderStatus status = switch (pi.getStatus()) {
            case "succeeded" -> ProviderStatus.SUCCEEDED;
            case "canceled" -> ProviderStatus.CANCELLED;
            case "processing" -> ProviderStatus.PROCESSING;
            case "requires_capture" -> ProviderStatus.AUTHORIZED;
            // a declined card leaves the intent waiting for another payment method, with the error on it
            case "requires_payment_method" -> pi.getLastPaymentError() != null ? ProviderStatus.FAILED
                    : ProviderStatus.REQUIRES_ACTION;
            default -> ProviderStatus.REQUIRES_ACTION;
        };
        Map<String, Object> redacted = new LinkedHashMap<>();
        redacted.put("id", pi.getId());
        redacted.put("status", pi.getStatus());
        redacted.put("amount", pi.getAmount());
        redacted.put("currency", pi.getCurrency());
        redacted.put("livemode", pi.getLivemode());
        if (pi.getLatestCharge() != null) {
            redacted.put("latest_charge", pi.getLatestCharge());
        }
        if (pi.getLastPaymentError() != null) {
            // the error's codes only: its payment_method would carry card details
            redacted.put("last_payment_error", Map.of("code", String.valueOf(pi.getLastPaymentError().getCode()),
                    "decline_code", String.valueOf(pi.getLastPaymentError().getDeclineCode())));
        }
        boolean buyerActs = status == ProviderStatus.REQUIRES_ACTION || status == ProviderStatus.FAILED;
        return new ProviderPayment(pi.getId(), status, pi.getAmount() == null ? 0 : pi.getAmount(),
                pi.getCurrency() == null ? null : pi.getCurrency().toUpperCase(Locale.ROOT), 0,
                buyerActs && pi.getClientSecret() != null
                        ? new ProviderPayment.BuyerAction(ProviderPayment.BuyerAction.Kind.CLIENT_SECRET, pi.getClientSecret())
                        : null,
                redacted);
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
