package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One order for an event: its tickets, its money (integer minor units of {@code currency}) and
 * where it is in its life. {@code totalMinor = subtotalMinor - discountMinor + exclusive tax} is a database check
 * (the tickets' exclusive taxes; an inclusive tax is inside the prices).
 */
public record Registration(
        UUID id,
        UUID orgId,
        UUID eventId,
        UUID userId,
        String confirmationNumber,
        RegistrationStatus status,
        String currency,
        long subtotalMinor,
        long discountMinor,
        long totalMinor,
        UUID promoCodeId,
        String registrantName,
        String registrantEmail,
        Instant holdExpiresAt,
        Instant createdAt,
        Instant confirmedAt,
        Instant cancelledAt,
        Instant expiredAt,
        List<Ticket> tickets) {

    public Registration {
        tickets = List.copyOf(tickets);
    }

    /** The same registration with the number the database drew for it. */
    public Registration withConfirmationNumber(String number) {
        return new Registration(id, orgId, eventId, userId, number, status, currency, subtotalMinor, discountMinor,
                totalMinor, promoCodeId, registrantName, registrantEmail, holdExpiresAt, createdAt, confirmedAt,
                cancelledAt, expiredAt, tickets);
    }

    public boolean isFree() {
        return totalMinor == 0;
    }
}
