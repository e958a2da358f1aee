package dev.turnstile.payment;

import java.util.Map;

/**
 * One payment provider behind one port: adding a provider is one class implementing this, plus
 * its configuration. Every call that moves money carries an idempotency key that belongs to one
 * payment attempt (or one refund), so that a retry after a timeout or a 5xx cannot charge twice.
 * Implementations throw {@link dev.turnstile.common.Unavailable} when the provider cannot be
 * reached or answers with a server error after the SDK's own retries.
 */
public interface PaymentProvider {

    /** The name in {@code payments.provider}, in routes and in configuration: lower case. */
    String name();

    /** Creates the provider's payment for a pending registration. */
    ProviderPayment create(NewPayment payment);

    /** The payment as the provider sees it now. */
    ProviderPayment fetch(String providerPaymentId);

    /** Captures an authorized (approved) payment; a no-op answer for one captured already. */
    ProviderPayment capture(String providerPaymentId, String idempotencyKey);

    /** Cancels (voids) a payment that has not succeeded; nothing is charged afterwards. */
    ProviderPayment cancel(String providerPaymentId, String idempotencyKey);

    /** Refunds part or all of a succeeded payment. */
    ProviderRefund refund(String providerPaymentId, long amountMinor, String currency, String idempotencyKey);

    /**
     * Verifies a webhook delivery with the provider's own scheme, on the raw body exactly as
     * received, and says what it is about.
     *
     * @throws WebhookRejected if it does not verify (forged, replayed, signed with another secret)
     */
    WebhookEvent verifyWebhook(Map<String, String> headers, String rawBody);
}
