package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the sweeper must expire, across organizations; each item is then handled in its own organization. */
public interface DueWork {

    record Item(UUID orgId, UUID id) {
    }

    List<Item> dueHolds(Instant now, int limit);

    List<Item> dueWaitlistOffers(Instant now, int limit);

    /** The organization an event belongs to, for opening its tenant context. */
    java.util.Optional<UUID> orgOfEvent(UUID eventId);
}
