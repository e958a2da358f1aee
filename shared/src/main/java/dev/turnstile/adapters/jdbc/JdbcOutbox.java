package dev.turnstile.adapters.jdbc;

import dev.turnstile.registration.Outbox;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

public final class JdbcOutbox implements Outbox {

    private final Sql sql;

    public JdbcOutbox(Sql sql) {
        this.sql = sql;
    }

    @Override
    public LongSupplier publish(UUID orgId, String topic, Map<String, Object> payload) {
        Supplier<Optional<Long>> id = sql.oneLater("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), orgId, topic, new Sql.Json(payload));
        return () -> id.get().orElseThrow();
    }
}
