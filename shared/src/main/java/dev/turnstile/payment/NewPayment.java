package dev.turnstile.payment;

import java.util.Map;
import java.util.UUID;

/**
 * What a provider needs to create a payment: the amount in integer minor units of an ISO 4217
 * currency, the attempt's idempotency key, and metadata that links the provider's payment back
 * to our registration and organization (visible in the provider's dashboard, never card data).
 */
public record NewPayment(UUID paymentId, UUID registrationId, UUID orgId, long amountMinor, String currency,
                         String idempotencyKey, String description, String returnUrl) {

    public Map<String, String> metadata() {
        return Map.of("payment_id", paymentId.toString(), "registration_id", registrationId.toString(),
                "org_id", orgId.toString());
    }
}
