package dev.turnstile.ticketcode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface SigningKeyRepository {

    /** The event's active key (no lock: signing must not serialize a sale). */
    Optional<SigningKey> active(UUID eventId);

    /** The event's active key, locked until the transaction ends: for rotation. */
    Optional<SigningKey> lockActive(UUID eventId);

    /** Inserts the key unless the event has an active one already (a concurrent issuer made it). */
    boolean insertIfNoneActive(UUID orgId, SigningKey key);

    void retire(UUID eventId, int keyId, Instant at);

    /** Every key of the event, newest first. */
    List<SigningKey> listForEvent(UUID eventId);
}
