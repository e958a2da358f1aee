package dev.turnstile.paymentflow;

import dev.turnstile.common.NotFound;
import dev.turnstile.payment.RunPaymentFollowUps;
import dev.turnstile.registration.ExpireHolds;
import dev.turnstile.registration.Registration;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Runs one step of the payment workflow for one registration and says where it stands afterwards.
 * The steps change nothing themselves: releasing a hold is {@link ExpireHolds} (which ends every
 * hold that ran out, this one included, under its lock and its guard), the follow-up is
 * {@link RunPaymentFollowUps} (which cancels the open attempts of ended registrations at the
 * provider and applies a success that arrived meanwhile). So a step run twice, or beside the
 * scheduled sweeps that run the same use cases, does no harm, and a lost webhook is still caught:
 * the follow-up reads the provider's state before it cancels.
 */
public final class RunPaymentStep {

    /** How often a waiting registration is looked at; a webhook usually settles it before. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(2);

    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final ExpireHolds expireHolds;
    private final RunPaymentFollowUps followUps;
    private final Clock clock;
    private final Duration pollInterval;

    public RunPaymentStep(Transactions transactions, RegistrationRepository registrations, ExpireHolds expireHolds,
                          RunPaymentFollowUps followUps, Clock clock, Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive: " + pollInterval);
        }
        this.transactions = transactions;
        this.registrations = registrations;
        this.expireHolds = expireHolds;
        this.followUps = followUps;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    public StepOutcome run(PaymentStep step, UUID orgId, UUID registrationId) {
        switch (step) {
            case CHECK -> {
            }
            case RELEASE_HOLD -> expireHolds.run();
            case FOLLOW_UP -> followUps.run();
        }
        return standing(orgId, registrationId);
    }

    private StepOutcome standing(UUID orgId, UUID registrationId) {
        Registration r = transactions.read(TenantContext.system(orgId), () -> registrations.find(registrationId))
                .orElseThrow(() -> new NotFound("registration", registrationId));
        Instant now = clock.instant();
        StepOutcome.Status status = switch (r.status()) {
            case CONFIRMED, REFUNDED -> StepOutcome.Status.SETTLED;
            case EXPIRED, CANCELLED -> StepOutcome.Status.ENDED;
            case PENDING -> now.isBefore(r.holdExpiresAt()) ? StepOutcome.Status.WAITING : StepOutcome.Status.HOLD_EXPIRED;
        };
        Instant next = status == StepOutcome.Status.WAITING ? earlier(now.plus(pollInterval), r.holdExpiresAt()) : now;
        return new StepOutcome(status, r.holdExpiresAt(), next);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
