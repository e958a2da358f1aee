package dev.turnstile.payment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Payment attempts, the webhook events applied to them, and their refunds. */
public interface PaymentRepository {

    void insert(Payment payment);

    Optional<Payment> find(UUID id);

    /** Like {@link #find}, and locks the payment until the transaction ends. */
    Optional<Payment> lock(UUID id);

    /** The registration's attempts, first to last. */
    List<Payment> listForRegistration(UUID registrationId);

    /** The provider's id for the attempt (kept once set), its state, and the redacted provider answer. */
    void recordProviderState(UUID id, String providerPaymentId, PaymentStatus status, Map<String, Object> redacted);

    void recordRefunded(UUID id, long refundedMinor, PaymentStatus status);

    /**
     * Records a webhook event as applied, in the transaction that applies it.
     *
     * @return false if it was applied already: by an earlier delivery, or by a concurrent one that
     *         committed first (the insert waits for it on the unique key)
     */
    boolean recordEvent(UUID orgId, String provider, String eventId, String type, UUID paymentId);

    boolean eventRecorded(String provider, String eventId);

    void insertRefund(UUID orgId, Refund refund, UUID requestedBy);

    List<Refund> refunds(UUID paymentId);

    /** Settles a pending refund; false if it was settled already. */
    boolean settleRefund(UUID refundId, Refund.Status status, String providerRefundId, Map<String, Object> redacted);
}
