package dev.turnstile.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.adapters.paypal.PayPalPaymentProvider;
import dev.turnstile.adapters.stripe.StripePaymentProvider;
import dev.turnstile.payment.PaymentProvider;
import dev.turnstile.payment.PaymentProviders;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The payment providers this deployment uses, from configuration: a provider is on when its
 * credentials are configured, either as a Secrets Manager secret (its ARN; in AWS) or as plain
 * variables (locally). A provider configured in part fails at init with the missing name.
 * Credentials are never logged: the settings records print themselves redacted.
 *
 * <pre>
 * Stripe: TURNSTILE_STRIPE_SECRET_ARN (JSON {"secretKey", "webhookSecret"}) or
 *         TURNSTILE_STRIPE_SECRET_KEY + TURNSTILE_STRIPE_WEBHOOK_SECRET; TURNSTILE_STRIPE_API_BASE (optional)
 * PayPal: TURNSTILE_PAYPAL_SECRET_ARN (JSON {"clientId", "clientSecret", "webhookId"}) or
 *         TURNSTILE_PAYPAL_CLIENT_ID + TURNSTILE_PAYPAL_CLIENT_SECRET + TURNSTILE_PAYPAL_WEBHOOK_ID;
 *         TURNSTILE_PAYPAL_LIVE (true for live, default sandbox); TURNSTILE_PAYPAL_API_BASE (optional)
 * </pre>
 */
public final class PaymentConfiguration {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stripe's own default tolerance for a webhook's signed timestamp. */
    static final Duration STRIPE_TOLERANCE = Duration.ofMinutes(5);

    private PaymentConfiguration() {
    }

    /**
     * @param env     a variable by name (null if unset)
     * @param secrets a Secrets Manager secret's string by ARN
     */
    public static PaymentProviders fromEnvironment(Function<String, String> env, Function<String, String> secrets,
                                                   Clock clock) {
        List<PaymentProvider> providers = new ArrayList<>();
        String stripeArn = blankToNull(env.apply("TURNSTILE_STRIPE_SECRET_ARN"));
        if (stripeArn != null || blankToNull(env.apply("TURNSTILE_STRIPE_SECRET_KEY")) != null) {
            String key;
            String webhook;
            if (stripeArn != null) {
                JsonNode secret = parse(secrets.apply(stripeArn), "TURNSTILE_STRIPE_SECRET_ARN");
                key = field(secret, "secretKey", "TURNSTILE_STRIPE_SECRET_ARN");
                webhook = field(secret, "webhookSecret", "TURNSTILE_STRIPE_SECRET_ARN");
            } else {
                key = required(env, "TURNSTILE_STRIPE_SECRET_KEY");
                webhook = required(env, "TURNSTILE_STRIPE_WEBHOOK_SECRET");
            }
            providers.add(new StripePaymentProvider(new StripePaymentProvider.Settings(key, webhook,
                    blankToNull(env.apply("TURNSTILE_STRIPE_API_BASE")), STRIPE_TOLERANCE, 2), clock));
        }
        String paypalArn = blankToNull(env.apply("TURNSTILE_PAYPAL_SECRET_ARN"));
        if (paypalArn != null || blankToNull(env.apply("TURNSTILE_PAYPAL_CLIENT_ID")) != null) {
            String id;
            String secret;
            String webhookId;
            if (paypalArn != null) {
                JsonNode json = parse(secrets.apply(paypalArn), "TURNSTILE_PAYPAL_SECRET_ARN");
                id = field(json, "clientId", "TURNSTILE_PAYPAL_SECRET_ARN");
                secret = field(json, "clientSecret", "TURNSTILE_PAYPAL_SECRET_ARN");
                webhookId = field(json, "webhookId", "TURNSTILE_PAYPAL_SECRET_ARN");
            } else {
                id = required(env, "TURNSTILE_PAYPAL_CLIENT_ID");
                secret = required(env, "TURNSTILE_PAYPAL_CLIENT_SECRET");
                webhookId = required(env, "TURNSTILE_PAYPAL_WEBHOOK_ID");
            }
            providers.add(new PayPalPaymentProvider(new PayPalPaymentProvider.Settings(id, secret, webhookId,
                    "true".equalsIgnoreCase(env.apply("TURNSTILE_PAYPAL_LIVE")),
                    blankToNull(env.apply("TURNSTILE_PAYPAL_API_BASE")))));
        }
        return PaymentProviders.of(providers);
    }

    private static JsonNode parse(String secret, String variable) {
        try {
            JsonNode json = secret == null ? null : JSON.readTree(secret);
            if (json == null || !json.isObject()) {
                throw new IllegalStateException("The secret named by " + variable + " is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            // the message would quote the secret: say only where it came from
            throw new IllegalStateException("The secret named by " + variable + " is not JSON");
        }
    }

    private static String field(JsonNode secret, String name, String variable) {
        String value = secret.path(name).asText("");
        if (value.isBlank()) {
            throw new IllegalStateException("The secret named by " + variable + " has no " + name);
        }
        return value;
    }

    private static String required(Function<String, String> env, String name) {
        String value = blankToNull(env.apply(name));
        if (value == null) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
