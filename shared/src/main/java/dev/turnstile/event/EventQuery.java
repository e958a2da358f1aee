package dev.turnstile.event;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Filters for listing an organization's events, in start order. Absent filters are null; statuses
 * default to every status but deleted. {@code from}/{@code to} bound the start, {@code endsAfter} the end.
 */
public record EventQuery(
        Set<EventStatus> statuses,
        String text,
        Instant from,
        Instant to,
        Instant endsAfter,
        EventType type,
        Visibility visibility,
        UUID seriesId,
        String tag,
        EventRepository.Position after,
        int limit) {

    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 25;

    public EventQuery {
        statuses = statuses == null || statuses.isEmpty()
                ? Set.of(EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.ARCHIVED)
                : Set.copyOf(statuses);
    }

    public Optional<EventRepository.Position> cursor() {
        return Optional.ofNullable(after);
    }
}
