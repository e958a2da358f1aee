package dev.turnstile.payment;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.Invalid;
import dev.turnstile.registration.ConfirmPaidRegistration;
import dev.turnstile.registration.Outbox;
import dev.turnstile.registration.Registration;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every path of the payment workflow shares (buyer, webhook, runner, organizer): apply
 * the provider's current state to an attempt, request a refund, and execute requested refunds at
 * the provider. State is applied by what the provider says now, not by what an event said, so
 * the order in which events arrive does not matter; every transition is guarded by the state it
 * leaves, so applying the same state twice changes nothing.
 */
public final class PaymentStates {

    private static final Logger log = LoggerFactory.getLogger(PaymentStates.class);

    private final Transactions transactions;
    private final PaymentRepository payments;
    private final RegistrationRepository registrations;
    private final ConfirmPaidRegistration confirmation;
    private final PaymentProviders providers;
    private final Outbox outbox;
    private final Clock clock;

    public static PaymentStates of(Transactions transactions, PaymentRepository payments,
                                   RegistrationRepository registrations, ConfirmPaidRegistration confirmation,
                                   PaymentProviders providers, Outbox outbox, Clock clock) {
        return new PaymentStates(transactions, payments, registrations, confirmation, providers, outbox, clock);
    }

    private PaymentStates(Transactions transactions, PaymentRepository payments, RegistrationRepository registrations,
                          ConfirmPaidRegistration confirmation, PaymentProviders providers, Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.payments = payments;
        this.registrations = registrations;
        this.confirmation = confirmation;
        this.providers = providers;
        this.outbox = outbox;
        this.clock = clock;
    }

    PaymentProviders providers() {
        return providers;
    }

    /** Applies the provider's state to the attempt; inside the organization's transaction, with the payment locked. */
    void apply(Payment p, ProviderPayment state, Instant now) {
        switch (state.status()) {
            case SUCCEEDED -> {
                if (p.status().isPaid()) {
                    return;
                }
                payments.recordProviderState(p.id(), state.providerPaymentId(), PaymentStatus.SUCCEEDED, state.redacted());
                Registration r = registrations.find(p.registrationId()).orElseThrow();
                switch (confirmation.confirm(p.registrationId(), now)) {
                    case CONFIRMED, REINSTATED -> outbox.publish(p.orgId(), "payment.succeeded", Map.of("paymentId", p.id(),
                            "registrationId", p.registrationId(), "amountMinor", p.amountMinor(), "currency", p.currency()));
                    case ALREADY_CONFIRMED -> refundUnneeded(p, r, "duplicate_payment");
                    case NOT_POSSIBLE -> refundUnneeded(p, r, "registration_unavailable");
                }
            }
            case FAILED -> {
                if (!p.status().isPaid() && p.status() != PaymentStatus.FAILED) {
                    payments.recordProviderState(p.id(), state.providerPaymentId(), PaymentStatus.FAILED, state.redacted());
                    // the registration stays pending: the buyer may pay again (a new attempt) until the hold runs out
                    outbox.publish(p.orgId(), "payment.failed", Map.of("paymentId", p.id(), "registrationId",
                            p.registrationId(), "attempt", p.attempt()));
                }
            }
            case CANCELLED -> {
                if (p.status().isOpen() || p.status() == PaymentStatus.FAILED) {
                    payments.recordProviderState(p.id(), state.providerPaymentId(), PaymentStatus.CANCELLED, state.redacted());
                }
            }
            case AUTHORIZED -> {
                if (p.status().isOpen() && p.status() != PaymentStatus.AUTHORIZED) {
                    payments.recordProviderState(p.id(), state.providerPaymentId(), PaymentStatus.AUTHORIZED, state.redacted());
                }
            }
            case REQUIRES_ACTION, PROCESSING -> {
                if (p.status() == PaymentStatus.CREATED) {
                    payments.recordProviderState(p.id(), state.providerPaymentId(), PaymentStatus.REQUIRES_ACTION,
                            state.redacted());
                }
            }
        }
    }

    /** Money arrived that no registration can take: it all goes back, and the buyer is told why. */
    private void refundUnneeded(Payment p, Registration r, String reason) {
        requestRefund(p.id(), p.amountMinor(), reason, null);
        outbox.publish(p.orgId(), "payment.refunded_automatically", Map.of("paymentId", p.id(), "registrationId",
                r.id(), "confirmationNumber", r.confirmationNumber(), "email", r.registrantEmail(), "reason", reason,
                "amountMinor", p.amountMinor(), "currency", p.currency()));
    }

    /**
     * Requests a refund of part of a paid payment; inside the organization's transaction. Pending
     * and settled refunds together never exceed what was paid.
     */
    Refund requestRefund(UUID paymentId, long amountMinor, String reason, UUID requestedBy) {
        Payment p = payments.lock(paymentId).orElseThrow();
        if (!p.status().isPaid()) {
            throw new Conflict("payment_not_refundable", "Only a succeeded payment can be refunded; this one is "
                    + p.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (amountMinor <= 0) {
            throw new Invalid("amountMinor", "must be a positive number of minor units");
        }
        List<Refund> earlier = payments.refunds(paymentId);
        long committed = earlier.stream().filter(r -> r.status() != Refund.Status.FAILED).mapToLong(Refund::amountMinor).sum();
        if (committed + amountMinor > p.amountMinor()) {
            throw new Conflict("refund_exceeds_payment", "Only " + (p.amountMinor() - committed) + " of "
                    + p.amountMinor() + " " + p.currency() + " minor units can still be refunded");
        }
        Refund refund = new Refund(UUID.randomUUID(), paymentId, amountMinor, reason,
                "refund-" + paymentId + "-" + (earlier.size() + 1), Refund.Status.PENDING, null, clock.instant());
        payments.insertRefund(p.orgId(), refund, requestedBy);
        return refund;
    }

    /**
     * Executes the payment's pending refunds at the provider, each with its own idempotency key,
     * and settles them; outside any transaction. A provider failure leaves the refund pending for
     * the runner to try again with the same key.
     *
     * @return how many refunds were settled
     */
    int executeRefunds(UUID orgId, UUID paymentId) {
        TenantContext context = TenantContext.system(orgId);
        Payment p = transactions.read(context, () -> payments.find(paymentId)).orElseThrow();
        List<Refund> pending = transactions.read(context, () -> payments.refunds(paymentId)).stream()
                .filter(r -> r.status() == Refund.Status.PENDING).toList();
        int settled = 0;
        for (Refund r : pending) {
            ProviderRefund result;
            try {
                result = providers.get(p.provider(), "provider").refund(p.providerPaymentId(), r.amountMinor(),
                        p.currency(), r.idempotencyKey());
            } catch (RuntimeException e) {
                log.warn("Refund {} of payment {} not executed yet ({}); the payment runner retries", r.id(), paymentId,
                        e.getMessage());
                continue;
            }
            if (result.status() == ProviderRefund.Status.PENDING) {
                continue; // the provider settles it later; the runner asks again with the same key
            }
            Refund.Status status = result.status() == ProviderRefund.Status.SUCCEEDED ? Refund.Status.SUCCEEDED
                    : Refund.Status.FAILED;
            settled += transactions.write(context, () -> {
                Payment locked = payments.lock(paymentId).orElseThrow();
                if (!payments.settleRefund(r.id(), status, result.providerRefundId(), result.redacted())) {
                    return 0; // a concurrent run settled it
                }
                if (status == Refund.Status.SUCCEEDED) {
                    long refunded = locked.refundedMinor() + r.amountMinor();
                    payments.recordRefunded(paymentId, refunded, refunded == locked.amountMinor()
                            ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED);
                    outbox.publish(orgId, "payment.refunded", Map.of("paymentId", paymentId, "refundId", r.id(),
                            "registrationId", locked.registrationId(), "amountMinor", r.amountMinor(),
                            "refundedMinor", refunded, "currency", locked.currency()));
                }
                return 1;
            });
        }
        return settled;
    }

    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
