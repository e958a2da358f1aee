package dev.turnstile.adapters.jdbc;

import dev.turnstile.checkin.CheckInLedger;
import dev.turnstile.checkin.CheckInRecord;
import dev.turnstile.checkin.Scope;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

public final class JdbcCheckInLedger implements CheckInLedger {

    private final Sql sql;

    public JdbcCheckInLedger(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean match(UUID orgId, UUID ticketId, Scope scope, Optional<CheckInRecord> current) {
        UUID session = scope.sessionId();
        if (current.isEmpty()) {
            return sql.update("DELETE FROM check_ins WHERE ticket_id = ? AND session_id IS NOT DISTINCT FROM ?",
                    ticketId, session) > 0;
        }
        CheckInRecord r = current.get();
        // another admission of this ticket and scope (one undone since) gives way to the current one
        int removed = sql.update("DELETE FROM check_ins WHERE ticket_id = ? AND session_id IS NOT DISTINCT FROM ? "
                + "AND scan_id <> ?", ticketId, session, r.scanId());
        int inserted = sql.update("""
                INSERT INTO check_ins (org_id, ticket_id, session_id, checked_in_by, checked_in_at, method, gate, device, scan_id)
                SELECT ?, ?, ?, u.id, ?, ?::check_in_method, NULLIF(?, ''), NULLIF(?, ''), ?
                  FROM (SELECT ?::uuid AS wanted) w LEFT JOIN users u ON u.id = w.wanted
                ON CONFLICT DO NOTHING""",
                orgId, ticketId, session, r.at(), r.method().name().toLowerCase(Locale.ROOT), r.gate(), r.device(),
                r.scanId(), r.byUserId());
        return removed + inserted > 0;
    }
}
