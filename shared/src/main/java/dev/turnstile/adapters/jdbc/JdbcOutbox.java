package dev.turnstile.adapters.jdbc;

import dev.turnstile.registration.Outbox;
import java.util.Map;
import java.util.UUID;

public final class JdbcOutbox implements Outbox {

    private final Sql sql;

    public JdbcOutbox(Sql sql) {
        this.sql = sql;
    }

    @Override
    public long publish(UUID orgId, String topic, Map<String, Object> payload) {
        return sql.one("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), orgId, topic, new Sql.Json(payload)).orElseThrow();
    }
}
