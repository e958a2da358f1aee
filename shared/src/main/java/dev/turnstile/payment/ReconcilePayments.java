package dev.turnstile.payment;

import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.registration.RegistrationStatus;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation (a scheduled function): for each payment that reached its provider and
 * changed in the last {@link #WINDOW}, compares our state with the provider's, read with the
 * provider's own fetch call. Drift that the workflow knows how to resolve is repaired through the
 * workflow's own step ({@link PaymentStates#apply}, as a webhook would): a success whose webhook
 * never came confirms the registration (or refunds it automatically if it cannot), an approved
 * PayPal order is captured, a failure or cancellation is recorded, pending refunds are executed
 * or read back. What cannot be repaired is flagged in {@code payment_discrepancies} (one open
 * finding per payment and kind, resolved when it no longer holds) and logged.
 */
public final class ReconcilePayments {

    private static final Logger log = LoggerFactory.getLogger(ReconcilePayments.class);
    static final Duration WINDOW = Duration.ofDays(7);
    static final Duration REFUND_OVERDUE = Duration.ofDays(2);
    static final int BATCH = 1000;

    /** What one run found. */
    public record Result(int checked, int repaired, int flagged, int errors) {
    }

    private final Transactions transactions;
    private final PaymentLookups lookups;
    private final PaymentRepository payments;
    private final RegistrationRepository registrations;
    private final PaymentStates states;
    private final Clock clock;

    public ReconcilePayments(Transactions transactions, PaymentLookups lookups, PaymentRepository payments,
                             RegistrationRepository registrations, PaymentStates states, Clock clock) {
        this.transactions = transactions;
        this.lookups = lookups;
        this.payments = payments;
        this.registrations = registrations;
        this.states = states;
        this.clock = clock;
    }

    public Result run() {
        Instant since = clock.instant().minus(WINDOW);
        int checked = 0;
        int repaired = 0;
        int flagged = 0;
        int errors = 0;
        for (PaymentLookups.Item item : transactions.read(TenantContext.none(), () -> lookups.toReconcile(since, BATCH))) {
            checked++;
            try {
                Outcome outcome = reconcile(item.orgId(), item.paymentId());
                repaired += outcome.repaired() ? 1 : 0;
                flagged += outcome.findings().isEmpty() ? 0 : 1;
            } catch (RuntimeException e) {
                errors++; // the provider did not answer, say: the next run looks again
                log.warn("Payment {} of organization {} not reconciled this time: {}", item.paymentId(), item.orgId(),
                        e.toString());
            }
        }
        return new Result(checked, repaired, flagged, errors);
    }

    private record Outcome(boolean repaired, Map<String, String> findings) {
    }

    private Outcome reconcile(UUID orgId, UUID paymentId) {
        TenantContext context = TenantContext.system(orgId);
        Payment ours = transactions.read(context, () -> payments.find(paymentId)).orElseThrow();
        PaymentProvider provider = states.providers().get(ours.provider(), "provider");
        ProviderPayment theirs = provider.fetch(ours.providerPaymentId());
        boolean repaired = false;
        if (theirs.status() == ProviderStatus.AUTHORIZED && ours.status().isOpen()) {
            RegistrationStatus registration = transactions.read(context,
                    () -> registrations.find(ours.registrationId())).orElseThrow().status();
            if (registration == RegistrationStatus.PENDING) {
                // approved, and the approval webhook never came: take the money, as the webhook would have
                theirs = provider.capture(ours.providerPaymentId(), ours.idempotencyKey() + "-capture");
            }
        }
        if (drifts(ours.status(), theirs.status())) {
            ProviderPayment current = theirs;
            transactions.write(context, () -> {
                states.apply(payments.lock(paymentId).orElseThrow(), current, states.now());
                return null;
            });
            repaired = true;
            log.info("Payment {} repaired: ours was {}, {} says {}", paymentId, ours.status(), ours.provider(),
                    theirs.status());
        }
        if (transactions.read(context, () -> payments.refunds(paymentId)).stream()
                .anyMatch(r -> r.status() == Refund.Status.PENDING)) {
            repaired |= states.executeRefunds(orgId, paymentId) > 0;
        }

        Payment now = transactions.read(context, () -> payments.find(paymentId)).orElseThrow();
        List<Refund> refunds = transactions.read(context, () -> payments.refunds(paymentId));
        Map<String, String> findings = new LinkedHashMap<>();
        if (now.status().isPaid() && theirs.status() != ProviderStatus.SUCCEEDED) {
            findings.put("paid_here_not_at_provider", "ours " + now.status() + ", provider " + theirs.status());
        }
        if (theirs.status() == ProviderStatus.SUCCEEDED && (theirs.amountMinor() != now.amountMinor()
                || theirs.currency() != null && !theirs.currency().equalsIgnoreCase(now.currency()))) {
            findings.put("amount_mismatch", "ours " + now.amountMinor() + " " + now.currency() + ", provider "
                    + theirs.amountMinor() + " " + theirs.currency());
        }
        if (theirs.refundedMinor() > now.refundedMinor()) {
            findings.put("refunded_at_provider", "the provider refunded " + theirs.refundedMinor() + ", we know of "
                    + now.refundedMinor() + " (a refund made in its dashboard?)");
        }
        refunds.stream().filter(r -> r.status() == Refund.Status.FAILED).findFirst().ifPresent(r ->
                findings.put("refund_failed", "refund " + r.id() + " of " + r.amountMinor() + " failed; refund again"));
        refunds.stream().filter(r -> r.status() == Refund.Status.PENDING
                        && r.createdAt().isBefore(clock.instant().minus(REFUND_OVERDUE))).findFirst()
                .ifPresent(r -> findings.put("refund_overdue", "refund " + r.id() + " pending since " + r.createdAt()));
        transactions.write(context, () -> {
            payments.resolveFlags(paymentId, findings.keySet(), clock.instant());
            findings.forEach((kind, detail) -> {
                if (payments.flag(orgId, paymentId, kind, detail)) {
                    log.warn("Payment {} of organization {}: {} ({})", paymentId, orgId, kind, detail);
                }
            });
            return null;
        });
        return new Outcome(repaired, findings);
    }

    /** Whether the provider's state tells us something we have not applied yet. */
    static boolean drifts(PaymentStatus ours, ProviderStatus theirs) {
        return switch (theirs) {
            case SUCCEEDED -> !ours.isPaid();
            case FAILED -> ours.isOpen();
            case CANCELLED -> ours.isOpen();
            case AUTHORIZED -> ours == PaymentStatus.CREATED || ours == PaymentStatus.REQUIRES_ACTION;
            case REQUIRES_ACTION, PROCESSING -> ours == PaymentStatus.CREATED;
        };
    }
}
