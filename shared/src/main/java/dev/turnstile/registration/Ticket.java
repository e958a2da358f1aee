package dev.turnstile.registration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One seat of a registration: who sits in it, what they answered, what it cost. {@code ticketCode}
 * is its unique handle; {@code qrCode} the signed code its QR carries, once it is issued
 * (docs/ticket-codes.md), of version {@code codeVersion}. {@code tax} is its tax, fixed when it was
 * bought.
 */
public record Ticket(
        UUID id,
        UUID ticketTypeId,
        String ticketCode,
        String qrCode,
        int codeVersion,
        TicketStatus status,
        String attendeeName,
        String attendeeEmail,
        Map<String, Object> answers,
        long priceMinor,
        long discountMinor,
        Instant issuedAt,
        TicketTax tax) {

    public Ticket {
        answers = dev.turnstile.common.Maps.copyOf(answers);
        tax = tax == null ? TicketTax.NONE : tax;
    }

    /** What the buyer paid for this ticket: its price, less its discount, plus an exclusive tax. */
    public long totalMinor() {
        return priceMinor - discountMinor + tax.addedMinor();
    }
}
