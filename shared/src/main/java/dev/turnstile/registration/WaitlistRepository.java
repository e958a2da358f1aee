package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface WaitlistRepository {

    void insert(WaitlistEntry entry);

    Optional<WaitlistEntry> find(UUID id);

    Optional<WaitlistEntry> lock(UUID id);

    /** The first in line for a ticket type, locked; entries locked by another transaction are skipped. */
    Optional<WaitlistEntry> nextWaiting(UUID ticketTypeId);

    void offer(UUID id, Instant at, Instant expiresAt);

    void close(UUID id, WaitlistStatus status, UUID registrationId);

    /** How many are ahead in line (0: next). */
    int placesAhead(WaitlistEntry entry);

    List<WaitlistEntry> listForUser(UUID userId);

    List<WaitlistEntry> listForEvent(UUID eventId);
}
