package dev.turnstile.registration;

import dev.turnstile.event.Event;
import dev.turnstile.event.EventRepository;
import dev.turnstile.event.EventStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Giving seats back, shared by cancellation, hold expiry and waitlist offers: the registration's
 * seats, its promo code use and its event-wide seats are released, and freed seats go to the
 * waitlist first, in the same transaction, so that nobody jumps the queue.
 */
public final class Seats {

    private final Inventory inventory;
    private final RegistrationRepository registrations;
    private final RegistrationSettingsRepository settings;
    private final PromoCodeRepository promoCodes;
    private final WaitlistRepository waitlist;
    private final EventRepository events;
    private final Outbox outbox;

    /** Wired once and shared by the use cases that give seats back. */
    public static Seats of(Inventory inventory, RegistrationRepository registrations,
                           RegistrationSettingsRepository settings, PromoCodeRepository promoCodes,
                           WaitlistRepository waitlist, EventRepository events, Outbox outbox, SeatGate gate) {
        return new Seats(inventory, registrations, settings, promoCodes, waitlist, events, outbox, gate);
    }

    private final SeatGate gate;

    private Seats(Inventory inventory, RegistrationRepository registrations, RegistrationSettingsRepository settings,
          PromoCodeRepository promoCodes, WaitlistRepository waitlist, EventRepository events, Outbox outbox,
          SeatGate gate) {
        this.gate = gate;
        this.inventory = inventory;
        this.registrations = registrations;
        this.settings = settings;
        this.promoCodes = promoCodes;
        this.waitlist = waitlist;
        this.events = events;
        this.outbox = outbox;
    }

    /** Ends a pending or confirmed registration and gives everything it took back. */
    void end(Registration r, RegistrationStatus status, Instant now) {
        // the same gate and the same lock order as a registration: event key share, types, event seats, promo code
        RegistrationSettings s = settings.readForRegistration(r.eventId());
        boolean sold = r.status() == RegistrationStatus.CONFIRMED;
        Map<UUID, Integer> perType = perType(r);
        perType.forEach((type, quantity) -> {
            inventory.release(type, quantity, sold);
            gate.forget(type);
        });
        if (s.capacity() != null) {
            inventory.releaseEventSeats(r.eventId(), r.tickets().size());
        }
        if (r.promoCodeId() != null) {
            promoCodes.release(r.promoCodeId());
        }
        registrations.end(r.id(), status, now);
        outbox.publish(r.orgId(), "registration." + status.name().toLowerCase(java.util.Locale.ROOT), Map.of(
                "registrationId", r.id(), "eventId", r.eventId(), "confirmationNumber", r.confirmationNumber(),
                "email", r.registrantEmail()));
        perType.keySet().forEach(type -> offerFreedSeats(r.eventId(), type, now));
    }

    /**
     * Refunded tickets give their seats back: called with the registration locked (after its
     * payment, the payment path's lock order), it releases the tickets' sold seats and event
     * seats in the one order (docs/inventory.md), marks the tickets refunded, and, once no issued
     * ticket is left, the registration too (its promo code use then goes back, as on
     * cancellation). Freed seats go to the waitlist first. The door follows through the outbox
     * topic, which names the registration.
     *
     * @return true if the whole registration is refunded now
     */
    public boolean refund(Registration r, java.util.Collection<UUID> ticketIds, Instant now) {
        java.util.Set<UUID> ids = java.util.Set.copyOf(ticketIds);
        java.util.List<Ticket> refunded = r.tickets().stream()
                .filter(t -> ids.contains(t.id()) && t.status() == TicketStatus.ISSUED).toList();
        if (r.status() != RegistrationStatus.CONFIRMED || refunded.size() != ids.size()) {
            throw new dev.turnstile.common.Conflict("ticket_not_refundable",
                    "Only issued tickets of a confirmed registration can be refunded");
        }
        RegistrationSettings s = settings.readForRegistration(r.eventId());
        Map<UUID, Integer> perType = new TreeMap<>();
        refunded.forEach(t -> perType.merge(t.ticketTypeId(), 1, Integer::sum));
        perType.forEach((type, quantity) -> {
            inventory.release(type, quantity, true);
            gate.forget(type);
        });
        if (s.capacity() != null) {
            inventory.releaseEventSeats(r.eventId(), refunded.size());
        }
        boolean whole = r.tickets().stream().noneMatch(t -> t.status() == TicketStatus.ISSUED && !ids.contains(t.id()));
        if (whole && r.promoCodeId() != null) {
            promoCodes.release(r.promoCodeId());
        }
        if (registrations.refundTickets(r.id(), ids, whole) != ids.size()) {
            throw new IllegalStateException("Tickets of registration " + r.id() + " changed under its lock");
        }
        outbox.publish(r.orgId(), whole ? "registration.refunded" : "ticket.refunded", Map.of(
                "registrationId", r.id(), "eventId", r.eventId(), "confirmationNumber", r.confirmationNumber(),
                "email", r.registrantEmail(), "ticketIds", ids.stream().map(UUID::toString).sorted().toList()));
        perType.keySet().forEach(type -> offerFreedSeats(r.eventId(), type, now));
        return whole;
    }

    /** Ends a live waitlist offer (expired, or cancelled by its holder): its seats go on to the next in line. */
    void endOffer(WaitlistEntry entry, WaitlistStatus status, Instant now) {
        RegistrationSettings s = settings.readForRegistration(entry.eventId());
        inventory.release(entry.ticketTypeId(), entry.quantity(), false);
        gate.forget(entry.ticketTypeId());
        if (s.capacity() != null) {
            inventory.releaseEventSeats(entry.eventId(), entry.quantity());
        }
        waitlist.close(entry.id(), status, null);
        offerFreedSeats(entry.eventId(), entry.ticketTypeId(), now);
    }

    /**
     * Offers seats of a ticket type to the people waiting for it, first come first served: each
     * offer holds the seats (one conditional write, like a registration) for the event's offer
     * window. Stops at the first person whose request does not fit: nobody is skipped.
     */
    void offerFreedSeats(UUID eventId, UUID ticketTypeId, Instant now) {
        Optional<Event> event = events.find(eventId);
        if (event.isEmpty() || event.get().status() != EventStatus.PUBLISHED || !event.get().endsAt().isAfter(now)) {
            return;
        }
        RegistrationSettings s = settings.readForRegistration(eventId);
        while (true) {
            Optional<WaitlistEntry> next = waitlist.nextWaiting(ticketTypeId);
            if (next.isEmpty()) {
                return;
            }
            WaitlistEntry entry = next.get();
            if (inventory.take(ticketTypeId, entry.quantity(), false, now).isEmpty()) {
                return;
            }
            if (s.capacity() != null && !inventory.takeEventSeats(eventId, entry.quantity())) {
                inventory.release(ticketTypeId, entry.quantity(), false);
                return;
            }
            Instant expires = now.plus(Duration.ofMinutes(s.waitlistOfferMinutes()));
            waitlist.offer(entry.id(), now, expires);
            outbox.publish(entry.orgId(), "waitlist.offered", Map.of("entryId", entry.id(), "eventId", eventId,
                    "ticketTypeId", ticketTypeId, "userId", entry.userId(), "quantity", entry.quantity(),
                    "offerExpiresAt", expires.toString()));
        }
    }

    static Map<UUID, Integer> perType(Registration r) {
        Map<UUID, Integer> perType = new TreeMap<>(); // sorted: every transaction locks types in one order
        r.tickets().forEach(t -> perType.merge(t.ticketTypeId(), 1, Integer::sum));
        return perType;
    }
}
