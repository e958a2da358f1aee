package dev.turnstile.checkin;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Outbox messages of ticket changes that no refresh of the door has confirmed yet (PostgreSQL). */
public interface DoorBacklog {

    /** One message: its organization, its id, and the registration whose tickets changed. */
    record Item(UUID orgId, long messageId, UUID registrationId) {
    }

    /** Across organizations: messages of these topics written before {@code before}, oldest first. */
    List<Item> due(Set<String> topics, Instant before, int limit);

    /** Marks the message as refreshed; runs in its organization's transaction. */
    void done(long messageId, Instant at);
}
