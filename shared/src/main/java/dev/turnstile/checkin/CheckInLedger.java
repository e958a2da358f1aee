package dev.turnstile.checkin;

import java.util.Optional;
import java.util.UUID;

/**
 * PostgreSQL's durable record of admissions ({@code check_ins}), for reports and audits. It
 * follows the hot table; it never decides an admission.
 */
public interface CheckInLedger {

    /**
     * Makes the record of this ticket and scope say what the hot table says: the admission, or none.
     * True if a row was written or removed.
     */
    boolean match(UUID orgId, UUID ticketId, Scope scope, Optional<CheckInRecord> current);
}
