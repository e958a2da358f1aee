package dev.turnstile.payment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The cross-tenant questions of payments, each answered with ids only; the work then runs in the organization. */
public interface PaymentLookups {

    /** A payment and its organization. */
    record Item(UUID orgId, UUID paymentId) {
    }

    /** Our payment for a provider's payment id, if it is ours. */
    Optional<Item> byProviderPayment(String provider, String providerPaymentId);

    /** Payments with work left: a pending refund, or an open attempt of an ended registration. */
    List<Item> dueFollowUps(int limit);
}
