package dev.turnstile.paymentflow;

import dev.turnstile.identity.Principal;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.registration.RegistrationStatus;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the buyer started paying: hands the registration to the payment workflow, which watches it
 * until it is paid or its hold is released. Called after every start, retries included; the
 * workflow starts once per registration. A workflow that cannot be started does not fail the
 * buyer's payment: the scheduled sweeps ({@code hold-expiry}, {@code payment-follow-ups}) run the
 * same steps for every registration, so nothing is lost, only released up to a minute later.
 */
public final class WatchPayment {

    private static final Logger log = LoggerFactory.getLogger(WatchPayment.class);

    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final Supplier<PaymentWorkflow> workflow;

    /** @param workflow the runner of this host, looked up per call (the local runtime plugs its runner in after wiring) */
    public WatchPayment(Transactions transactions, RegistrationRepository registrations,
                        Supplier<PaymentWorkflow> workflow) {
        this.transactions = transactions;
        this.registrations = registrations;
        this.workflow = workflow;
    }

    public void started(Principal caller, UUID registrationId) {
        var registration = transactions.read(TenantContext.user(caller.userId()), () -> registrations.find(registrationId))
                .filter(r -> caller.userId().equals(r.userId()) && r.status() == RegistrationStatus.PENDING);
        if (registration.isEmpty()) {
            return; // paid meanwhile, or not the caller's: StartPayment has answered for it
        }
        var r = registration.get();
        try {
            workflow.get().started(new PaymentWorkflow.Start(r.orgId(), r.id(), r.holdExpiresAt()));
        } catch (RuntimeException e) {
            log.warn("Payment workflow for registration {} not started ({}); the scheduled sweeps release its hold",
                    r.id(), e.toString());
        }
    }
}
