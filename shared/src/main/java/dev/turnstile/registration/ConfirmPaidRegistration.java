package dev.turnstile.registration;

import dev.turnstile.event.Event;
import dev.turnstile.event.EventRepository;
import dev.turnstile.event.EventStatus;
import dev.turnstile.ticketcode.TicketSigner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The payment of a registration succeeded: confirm it, its held seats becoming sold and its
 * tickets issued with signed codes, as a free registration is at once. Runs inside the caller's
 * transaction, in the registration's organization. A payment that arrives after the hold expired
 * takes the seats again if they are still there (the same conditional writes as a registration);
 * if they are not, the caller refunds: a paid registration is never silently lost.
 */
public final class ConfirmPaidRegistration {

    /** What became of the registration. */
    public enum Outcome {
        /** Pending, now confirmed. */
        CONFIRMED,
        /** Expired before the money arrived; its seats were taken again and it is confirmed. */
        REINSTATED,
        /** Confirmed already (by another payment, or it was free): this money is not needed. */
        ALREADY_CONFIRMED,
        /** Cancelled or refunded, or expired and its seats are gone: this money must go back. */
        NOT_POSSIBLE
    }

    private final RegistrationRepository registrations;
    private final RegistrationSettingsRepository settings;
    private final EventRepository events;
    private final PromoCodeRepository promoCodes;
    private final Inventory inventory;
    private final Outbox outbox;
    private final TicketSigner signer;

    public ConfirmPaidRegistration(RegistrationRepository registrations, RegistrationSettingsRepository settings,
                                   EventRepository events, PromoCodeRepository promoCodes, Inventory inventory,
                                   Outbox outbox, TicketSigner signer) {
        this.registrations = registrations;
        this.settings = settings;
        this.events = events;
        this.promoCodes = promoCodes;
        this.inventory = inventory;
        this.outbox = outbox;
        this.signer = signer;
    }

    public Outcome confirm(UUID registrationId, Instant now) {
        Registration r = registrations.lock(registrationId).orElseThrow(
                () -> new IllegalStateException("A payment names registration " + registrationId + ", which is not there"));
        return switch (r.status()) {
            case CONFIRMED -> Outcome.ALREADY_CONFIRMED;
            case CANCELLED, REFUNDED -> Outcome.NOT_POSSIBLE;
            case PENDING -> {
                // the same lock order as a registration: event key share, then ticket types by id
                settings.readForRegistration(r.eventId());
                Seats.perType(r).forEach(inventory::sell);
                issue(r, now);
                yield Outcome.CONFIRMED;
            }
            case EXPIRED -> retake(r, now) ? Outcome.REINSTATED : Outcome.NOT_POSSIBLE;
        };
    }

    /** Takes the expired registration's seats (sold, this time) and promo code use again, all or nothing. */
    private boolean retake(Registration r, Instant now) {
        RegistrationSettings s = settings.readForRegistration(r.eventId());
        Event event = events.find(r.eventId()).orElse(null);
        if (event == null || event.status() != EventStatus.PUBLISHED || !event.endsAt().isAfter(now)) {
            return false;
        }
        Map<UUID, Integer> perType = Seats.perType(r);
        List<Map.Entry<UUID, Integer>> taken = new ArrayList<>();
        for (var e : perType.entrySet()) {
            if (inventory.take(e.getKey(), e.getValue(), true, now).isEmpty()) {
                taken.forEach(t -> inventory.release(t.getKey(), t.getValue(), true));
                return false;
            }
            taken.add(e);
        }
        boolean eventSeats = s.capacity() == null || inventory.takeEventSeats(r.eventId(), r.tickets().size());
        boolean promo = eventSeats && (r.promoCodeId() == null || promoCodes.use(r.promoCodeId(), now));
        if (!eventSeats || !promo) {
            taken.forEach(t -> inventory.release(t.getKey(), t.getValue(), true));
            if (eventSeats && s.capacity() != null) {
                inventory.releaseEventSeats(r.eventId(), r.tickets().size());
            }
            return false;
        }
        issue(r, now);
        return true;
    }

    private void issue(Registration r, Instant now) {
        Map<UUID, String> codes = new LinkedHashMap<>();
        for (Ticket t : r.tickets()) {
            codes.put(t.id(), signer.codeFor(r.orgId(), r.eventId(), t.id(), t.codeVersion()));
        }
        registrations.confirm(r.id(), now, codes);
        outbox.publish(r.orgId(), "registration.confirmed", Map.of("registrationId", r.id(), "eventId", r.eventId(),
                "confirmationNumber", r.confirmationNumber(), "email", r.registrantEmail()));
    }
}
