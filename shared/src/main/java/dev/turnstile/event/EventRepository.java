package dev.turnstile.event;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface EventRepository {

    void insert(Event event);

    /**
     * The event, locked until the transaction ends, if it exists and is not deleted: sessions and
     * ticket types hang off such events only, and changes to them are serialized per event (so
     * that rules spanning siblings, such as one currency per event, hold under concurrency).
     */
    default Event requireEditable(UUID id) {
        Event event = lock(id).orElseThrow(() -> new NotFound("event", id));
        if (event.status() == EventStatus.DELETED) {
            throw new Conflict("event_deleted", "The event is deleted; restore it before changing it");
        }
        return event;
    }

    /** Any event of the organization in context, soft-deleted ones included. */
    Optional<Event> find(UUID id);

    Optional<Event> findBySlug(String slug);

    /** Like {@link #find}, and locks the row until the transaction ends: changes are serialized. */
    Optional<Event> lock(UUID id);

    /** Writes the editable fields and lifecycle timestamps, and bumps the version. */
    void update(Event event);

    void delete(UUID id);

    boolean hasRegistrations(UUID eventId);

    List<Event> list(EventQuery query);

    /** The position an event holds in the list order, for cursors. */
    record Position(Instant startsAt, UUID id) {
    }
}
