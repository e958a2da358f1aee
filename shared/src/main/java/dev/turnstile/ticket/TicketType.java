package dev.turnstile.ticket;

import dev.turnstile.common.Maps;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A kind of ticket an event sells. Prices are integer minor units of {@code currency} (cents for
 * EUR, yen for JPY). {@code quantitySold + quantityHeld <= capacity} is a database constraint.
 */
public record TicketType(
        UUID id,
        UUID orgId,
        UUID eventId,
        String name,
        String description,
        long priceMinor,
        String currency,
        int capacity,
        int quantitySold,
        int quantityHeld,
        Instant saleStartsAt,
        Instant saleEndsAt,
        Map<String, Object> restrictions,
        boolean active,
        boolean hidden,
        int sortOrder,
        Instant createdAt,
        Instant updatedAt) {

    public TicketType {
        restrictions = Maps.copyOf(restrictions);
    }

    public int available() {
        return Math.max(0, capacity - quantitySold - quantityHeld);
    }

    public boolean onSaleAt(Instant now) {
        return active
                && (saleStartsAt == null || !now.isBefore(saleStartsAt))
                && (saleEndsAt == null || now.isBefore(saleEndsAt));
    }

    /** The editable fields. */
    public record Details(
            String name,
            String description,
            Long priceMinor,
            String currency,
            Integer capacity,
            Instant saleStartsAt,
            Instant saleEndsAt,
            Map<String, Object> restrictions,
            Boolean hidden,
            Integer sortOrder) {
    }

    public TicketType with(Details d) {
        return new TicketType(id, orgId, eventId, d.name().strip(), d.description(), d.priceMinor(), d.currency(),
                d.capacity(), quantitySold, quantityHeld, d.saleStartsAt(), d.saleEndsAt(), d.restrictions(), active,
                d.hidden(), d.sortOrder(), createdAt, updatedAt);
    }
}
