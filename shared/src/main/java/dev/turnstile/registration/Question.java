package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A question asked of every attendee of the given ticket types (all types when the list is empty). */
public record Question(
        UUID id,
        UUID eventId,
        String label,
        QuestionKind kind,
        List<String> options,
        boolean required,
        List<UUID> ticketTypeIds,
        int position,
        Instant createdAt,
        Instant updatedAt) {

    public Question {
        options = List.copyOf(options);
        ticketTypeIds = List.copyOf(ticketTypeIds);
    }

    public boolean appliesTo(UUID ticketTypeId) {
        return ticketTypeIds.isEmpty() || ticketTypeIds.contains(ticketTypeId);
    }

    public record Details(String label, QuestionKind kind, List<String> options, Boolean required,
                          List<UUID> ticketTypeIds, Integer position) {
    }
}
