package dev.turnstile.registration;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.event.Event;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * An attendee cancels their own registration, when the event allows it and has not started. An
 * unpaid (pending) registration can always be abandoned this way.
 */
public final class CancelMyRegistration {

    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final RegistrationSettingsRepository settings;
    private final EventRepository events;
    private final Seats seats;
    private final Clock clock;

    public CancelMyRegistration(Transactions transactions, RegistrationRepository registrations,
                         RegistrationSettingsRepository settings, EventRepository events, Seats seats, Clock clock) {
        this.transactions = transactions;
        this.registrations = registrations;
        this.settings = settings;
        this.events = events;
        this.seats = seats;
        this.clock = clock;
    }

    public Registration cancel(Principal caller, UUID registrationId) {
        UUID orgId = transactions.read(TenantContext.user(caller.userId()), () -> registrations.find(registrationId))
                .filter(r -> caller.userId().equals(r.userId()))
                .orElseThrow(() -> new NotFound("registration", registrationId))
                .orgId();
        return transactions.write(TenantContext.of(orgId, caller.userId()), () -> {
            Registration r = registrations.lock(registrationId).filter(x -> caller.userId().equals(x.userId()))
                    .orElseThrow(() -> new NotFound("registration", registrationId));
            Instant now = clock.instant();
            if (r.status() == RegistrationStatus.CONFIRMED) {
                Event event = events.find(r.eventId()).orElseThrow();
                if (!settings.find(r.eventId()).orElseThrow().attendeeCancellation()) {
                    throw new Conflict("cancellation_not_allowed", "The organizer does not allow cancellations; contact them");
                }
                if (!now.isBefore(event.startsAt())) {
                    throw new Conflict("event_started", "The event has started; it can no longer be cancelled");
                }
            }
            Cancellation.requireCancellable(r);
            seats.end(r, RegistrationStatus.CANCELLED, now);
            return registrations.find(registrationId).orElseThrow();
        });
    }
}
