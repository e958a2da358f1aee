package dev.turnstile.payment;

import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.registration.RegistrationStatus;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment runner's periodic step (a scheduled function in AWS, a timer in the local runtime):
 * executes refunds still pending (a provider error left them), and cancels at the provider the
 * open attempts of registrations that expired or were cancelled, so that a hold that ran out
 * cannot be paid afterwards. If the provider says such an attempt succeeded meanwhile, that state
 * is applied like a webhook's: confirmed if the seats can still be taken, refunded otherwise.
 * Each payment is handled on its own; a failure is logged and retried on the next run.
 */
public final class RunPaymentFollowUps {

    private static final Logger log = LoggerFactory.getLogger(RunPaymentFollowUps.class);
    static final int BATCH = 100;

    /** What one run did. */
    public record Result(int paymentsVisited, int refundsSettled, int attemptsCancelled) {
    }

    private final Transactions transactions;
    private final PaymentLookups lookups;
    private final PaymentRepository payments;
    private final RegistrationRepository registrations;
    private final PaymentStates states;

    public RunPaymentFollowUps(Transactions transactions, PaymentLookups lookups, PaymentRepository payments,
                               RegistrationRepository registrations, PaymentStates states) {
        this.transactions = transactions;
        this.lookups = lookups;
        this.payments = payments;
        this.registrations = registrations;
        this.states = states;
    }

    public Result run() {
        int visited = 0;
        int settled = 0;
        int cancelled = 0;
        for (PaymentLookups.Item item : transactions.read(TenantContext.none(), () -> lookups.dueFollowUps(BATCH))) {
            visited++;
            try {
                settled += states.executeRefunds(item.orgId(), item.paymentId());
                cancelled += cancelIfEnded(item) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("Payment {} of organization {}: follow-up failed; the next run retries", item.paymentId(),
                        item.orgId(), e);
            }
        }
        return new Result(visited, settled, cancelled);
    }

    private boolean cancelIfEnded(PaymentLookups.Item item) {
        TenantContext context = TenantContext.system(item.orgId());
        Payment p = transactions.read(context, () -> payments.find(item.paymentId())).orElseThrow();
        if (!p.status().isOpen() || p.providerPaymentId() == null) {
            return false;
        }
        RegistrationStatus status = transactions.read(context, () -> registrations.find(p.registrationId()))
                .orElseThrow().status();
        if (status != RegistrationStatus.EXPIRED && status != RegistrationStatus.CANCELLED) {
            return false;
        }
        ProviderPayment state = states.providers().get(p.provider(), "provider")
                .cancel(p.providerPaymentId(), p.idempotencyKey() + "-cancel");
        transactions.write(context, () -> {
            states.apply(payments.lock(p.id()).orElseThrow(), state, states.now());
            return null;
        });
        states.executeRefunds(item.orgId(), item.paymentId());
        return state.status() == ProviderStatus.CANCELLED;
    }
}
