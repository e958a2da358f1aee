package dev.turnstile.invoice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An invoice (or a credit note) as issued: immutable, numbered per organization, its totals the
 * sums of its lines, in integer minor units of {@code currency}.
 */
public record Invoice(UUID id, UUID orgId, long number, Kind kind, UUID registrationId, UUID paymentId, UUID refundId,
                      UUID credits, String currency, long netMinor, long taxMinor, long grossMinor,
                      Map<String, Object> seller, Map<String, Object> buyer, List<Line> lines, Instant issuedAt) {

    public enum Kind { INVOICE, CREDIT_NOTE }

    /** One ticket: its net, its tax (rate in parts per million, inclusive or not) and its gross. */
    public record Line(UUID ticketId, String description, long netMinor, int taxRatePpm, boolean taxInclusive,
                       long taxMinor, long grossMinor) {
    }

    public Invoice {
        seller = Map.copyOf(seller);
        buyer = Map.copyOf(buyer);
        lines = List.copyOf(lines);
    }

    /** What people read: INV-000042 or CN-000043 (one sequence for both, so the numbers have no gaps). */
    public String displayNumber() {
        return (kind == Kind.INVOICE ? "INV-" : "CN-") + String.format(java.util.Locale.ROOT, "%06d", number);
    }
}
