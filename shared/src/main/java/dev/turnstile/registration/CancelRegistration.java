package dev.turnstile.registration;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.time.Clock;
import java.util.UUID;

/**
 * An organizer cancels a registration (admins and owners): its seats, event seats and promo code
 * use go back, freed seats are offered to the waitlist. A paid, confirmed registration is cancelled
 * through a refund instead, so that no money is kept for a cancelled order.
 */
public final class CancelRegistration {

    private final OrgAccess access;
    private final RegistrationRepository registrations;
    private final Seats seats;
    private final Clock clock;

    public CancelRegistration(OrgAccess access, RegistrationRepository registrations, Seats seats, Clock clock) {
        this.access = access;
        this.registrations = registrations;
        this.seats = seats;
        this.clock = clock;
    }

    public Registration cancel(Principal caller, UUID orgId, UUID eventId, UUID registrationId) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Registration r = registrations.lock(registrationId).filter(x -> x.eventId().equals(eventId))
                    .orElseThrow(() -> new NotFound("registration", registrationId));
            Cancellation.requireCancellable(r);
            seats.end(r, RegistrationStatus.CANCELLED, clock.instant());
            return registrations.find(registrationId).orElseThrow();
        });
    }
}
