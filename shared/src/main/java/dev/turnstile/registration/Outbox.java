package dev.turnstile.registration;

import java.util.Map;
import java.util.UUID;

/**
 * Messages for other parts of the system (confirmation e-mails, waitlist offers), written in the
 * same transaction as the change they announce, so that neither is ever lost without the other.
 */
public interface Outbox {

    /** Writes the message in the current transaction; returns its id. */
    long publish(UUID orgId, String topic, Map<String, Object> payload);
}
