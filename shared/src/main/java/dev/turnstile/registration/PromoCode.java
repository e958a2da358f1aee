package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A discount code of one event: a percentage or a fixed amount off each ticket it applies to,
 * optionally limited to some ticket types (which may be hidden ones it unlocks), to a number of
 * registrations, and to a time window. {@code timesUsed <= usageLimit} is a database check.
 */
public record PromoCode(
        UUID id,
        UUID eventId,
        String code,
        DiscountKind kind,
        Integer percentOff,
        Long amountOffMinor,
        List<UUID> ticketTypeIds,
        Integer usageLimit,
        int timesUsed,
        Instant validFrom,
        Instant validUntil,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    public PromoCode {
        ticketTypeIds = List.copyOf(ticketTypeIds);
    }

    public boolean appliesTo(UUID ticketTypeId) {
        return ticketTypeIds.isEmpty() || ticketTypeIds.contains(ticketTypeId);
    }

    /** Hidden ticket types are sold only with a code that names them. */
    public boolean unlocks(UUID ticketTypeId) {
        return ticketTypeIds.contains(ticketTypeId);
    }

    public boolean validAt(Instant now) {
        return active && (validFrom == null || !now.isBefore(validFrom)) && (validUntil == null || now.isBefore(validUntil));
    }

    public record Details(String code, DiscountKind kind, Integer percentOff, Long amountOffMinor,
                          List<UUID> ticketTypeIds, Integer usageLimit, Instant validFrom, Instant validUntil,
                          Boolean active) {
    }
}
