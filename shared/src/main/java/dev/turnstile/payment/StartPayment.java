package dev.turnstile.payment;

import dev.turnstile.common.Check;
import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.registration.Registration;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.registration.RegistrationStatus;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The buyer starts (or retries) paying their pending registration. The attempt is written first,
 * with its idempotency key, then created at the provider outside any transaction: a retry after a
 * timeout or a provider error finds the same attempt and sends the same key, so the provider
 * creates one payment however often it is asked. A new attempt, with a new key, follows only one
 * that failed or was cancelled (a declined card), so a retry after a decline is not refused as a
 * duplicate. The answer carries what the buyer needs to pay: Stripe's client secret or PayPal's
 * approval link, handed over and never stored.
 */
public final class StartPayment {

    /** @param returnUrl where PayPal sends the buyer back after approving (optional) */
    public record Command(String provider, String returnUrl) {
    }

    /** The attempt and how the buyer completes it. */
    public record Started(UUID paymentId, String provider, int attempt, PaymentStatus status, long amountMinor,
                          String currency, String clientSecret, String approvalUrl) {
    }

    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final PaymentRepository payments;
    private final PaymentStates states;

    public StartPayment(Transactions transactions, RegistrationRepository registrations, PaymentRepository payments,
                        PaymentStates states) {
        this.transactions = transactions;
        this.registrations = registrations;
        this.payments = payments;
        this.states = states;
    }

    public Started start(Principal caller, UUID registrationId, Command command) {
        PaymentProvider provider = states.providers().get(command.provider(), "provider");
        Check check = new Check();
        if (command.returnUrl() != null) {
            check.require(command.returnUrl().length() <= 2000 && command.returnUrl().matches("https?://[^\\s]+"),
                    "returnUrl", "must be an http(s) URL of at most 2000 characters");
        }
        check.orThrow();
        UUID orgId = transactions.read(TenantContext.user(caller.userId()), () -> registrations.find(registrationId))
                .filter(r -> caller.userId().equals(r.userId()))
                .orElseThrow(() -> new NotFound("registration", registrationId))
                .orgId();
        TenantContext context = TenantContext.of(orgId, caller.userId());
        for (int round = 1; ; round++) {
            Payment attempt = transactions.write(context, () -> openAttempt(caller, registrationId, provider.name()));
            ProviderPayment state = attempt.providerPaymentId() == null
                    ? provider.create(new NewPayment(attempt.id(), registrationId, orgId, attempt.amountMinor(),
                            attempt.currency(), attempt.idempotencyKey(), "Registration " + registrationId,
                            command.returnUrl()))
                    : provider.fetch(attempt.providerPaymentId());
            Payment recorded = transactions.write(context, () -> {
                Payment p = payments.lock(attempt.id()).orElseThrow();
                if (p.providerPaymentId() == null) {
                    payments.recordProviderState(p.id(), state.providerPaymentId(), p.status(), state.redacted());
                    p = payments.find(p.id()).orElseThrow();
                }
                states.apply(p, state, states.now());
                return payments.find(p.id()).orElseThrow();
            });
            boolean over = recorded.status() == PaymentStatus.FAILED || recorded.status() == PaymentStatus.CANCELLED;
            if (over && round == 1) {
                continue; // the attempt we were about to hand out was declined meanwhile: open the next one
            }
            return new Started(recorded.id(), recorded.provider(), recorded.attempt(), recorded.status(),
                    recorded.amountMinor(), recorded.currency(),
                    state.action().filter(a -> a.kind() == ProviderPayment.BuyerAction.Kind.CLIENT_SECRET)
                            .map(ProviderPayment.BuyerAction::value).orElse(null),
                    state.action().filter(a -> a.kind() == ProviderPayment.BuyerAction.Kind.APPROVAL_URL)
                            .map(ProviderPayment.BuyerAction::value).orElse(null));
        }
    }

    /** The attempt to (re)send to the provider: the open one of this provider, or a new one. */
    private Payment openAttempt(Principal caller, UUID registrationId, String provider) {
        Registration r = registrations.lock(registrationId).filter(x -> caller.userId().equals(x.userId()))
                .orElseThrow(() -> new NotFound("registration", registrationId));
        Instant now = states.now();
        if (r.status() != RegistrationStatus.PENDING) {
            throw new Conflict("registration_not_payable", "Only a pending registration is paid; this one is "
                    + r.status().name().toLowerCase(Locale.ROOT));
        }
        if (!now.isBefore(r.holdExpiresAt())) {
            throw new Conflict("hold_expired", "The registration's hold has run out; register again");
        }
        List<Payment> attempts = payments.listForRegistration(registrationId);
        Payment last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        if (last != null && (last.status() == PaymentStatus.AUTHORIZED || last.status().isPaid())) {
            throw new Conflict("payment_in_progress", "A payment of this registration is being completed");
        }
        if (last != null && last.provider().equals(provider)
                && (last.status() == PaymentStatus.CREATED || last.status() == PaymentStatus.REQUIRES_ACTION)) {
            return last; // a retry of the same attempt: the same idempotency key
        }
        int number = last == null ? 1 : last.attempt() + 1;
        Payment p = new Payment(UUID.randomUUID(), r.orgId(), registrationId, provider, null,
                Payment.keyFor(registrationId, number), number, r.totalMinor(), 0, r.currency(), PaymentStatus.CREATED,
                now, now);
        payments.insert(p);
        return p;
    }
}
