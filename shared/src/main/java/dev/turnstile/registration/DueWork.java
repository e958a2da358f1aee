package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the sweeper must expire, across organizations; each item is then handled in its own organization. */
public interface DueWork {

    /** One thing to handle: its organization, its id, and (for waitlists) its event. */
    record Item(UUID orgId, UUID id, UUID eventId) {
    }

    List<Item> dueHolds(Instant now, int limit);

    List<Item> dueWaitlistOffers(Instant now, int limit);

    /** Ticket types (id, with their event) that have people waiting and seats available. */
    List<Item> waitlistsWithSeats(int limit);

    /** The organization an event belongs to, for opening its tenant context. */
    java.util.Optional<UUID> orgOfEvent(UUID eventId);
}
