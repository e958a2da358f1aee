package dev.turnstile.registration;

import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Messages for other parts of the system (confirmation e-mails, waitlist offers), written in the
 * same transaction as the change they announce, so that neither is ever lost without the other.
 */
public interface Outbox {

    /**
     * Writes the message in the current transaction.
     *
     * @return its id, known once the message is written: the write may travel with the
     *         transaction's next statement or its commit, and asking for the id sends it
     */
    LongSupplier publish(UUID orgId, String topic, Map<String, Object> payload);
}
