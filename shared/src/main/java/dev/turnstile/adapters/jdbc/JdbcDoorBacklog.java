package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.checkin.DoorBacklog;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The cross-tenant look-up goes through a SECURITY DEFINER function that answers only its question. */
public final class JdbcDoorBacklog implements DoorBacklog {

    private final Sql sql;

    public JdbcDoorBacklog(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<Item> due(Set<String> topics, Instant before, int limit) {
        return sql.list("SELECT org_id, message_id, registration_id FROM door_sync_due(?, ?, ?)",
                rs -> new Item(uuid(rs, "org_id"), rs.getLong("message_id"), uuid(rs, "registration_id")),
                new Sql.TextArray(topics), before, limit);
    }

    @Override
    public void done(long messageId, Instant at) {
        sql.update("UPDATE outbox_messages SET door_synced_at = ? WHERE id = ?", at, messageId);
    }
}
