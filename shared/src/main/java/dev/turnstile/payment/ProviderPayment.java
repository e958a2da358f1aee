package dev.turnstile.payment;

import java.util.Map;
import java.util.Optional;

/**
 * A provider's payment as it is now. {@code buyerAction} is what the buyer needs to go on: the
 * Stripe client secret, or the PayPal approval link. It is handed to the buyer and never stored.
 * {@code redacted} is what we keep of the provider's answer: ids, statuses, amounts, never card
 * data or secrets.
 */
public record ProviderPayment(String providerPaymentId, ProviderStatus status, long amountMinor, String currency,
                              long refundedMinor, BuyerAction buyerAction, Map<String, Object> redacted) {

    /** How the buyer completes the payment. */
    public record BuyerAction(Kind kind, String value) {
        public enum Kind { CLIENT_SECRET, APPROVAL_URL }
    }

    public ProviderPayment {
        redacted = Map.copyOf(redacted);
    }

    public Optional<BuyerAction> action() {
        return Optional.ofNullable(buyerAction);
    }
}
