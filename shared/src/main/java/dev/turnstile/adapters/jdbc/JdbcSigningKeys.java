package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.ticketcode.SigningKey;
import dev.turnstile.ticketcode.SigningKeyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public final class JdbcSigningKeys implements SigningKeyRepository {

    private static final String COLUMNS = "event_id, key_id, public_key, sealed_private_key, created_at, retired_at";

    private final Sql sql;

    public JdbcSigningKeys(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<SigningKey> active(UUID eventId) {
        return sql.one("SELECT " + COLUMNS + " FROM ticket_signing_keys WHERE event_id = ? AND retired_at IS NULL",
                JdbcSigningKeys::map, eventId);
    }

    @Override
    public Optional<SigningKey> lockActive(UUID eventId) {
        return sql.one("SELECT " + COLUMNS + " FROM ticket_signing_keys WHERE event_id = ? AND retired_at IS NULL FOR UPDATE",
                JdbcSigningKeys::map, eventId);
    }

    @Override
    public boolean insertIfNoneActive(UUID orgId, SigningKey k) {
        // no conflict target: two first issuers both insert key 1, and the primary key (event_id, key_id)
        // conflicts as well as the active-key index; either way the loser inserts nothing and re-reads
        return sql.update("""
                INSERT INTO ticket_signing_keys (org_id, event_id, key_id, public_key, sealed_private_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, orgId, k.eventId(), k.keyId(), k.publicKey(), k.sealedPrivateKey(), k.createdAt()) == 1;
    }

    @Override
    public void retire(UUID eventId, int keyId, Instant at) {
        sql.update("UPDATE ticket_signing_keys SET retired_at = ? WHERE event_id = ? AND key_id = ?", at, eventId, keyId);
    }

    @Override
    public List<SigningKey> listForEvent(UUID eventId) {
        return sql.list("SELECT " + COLUMNS + " FROM ticket_signing_keys WHERE event_id = ? ORDER BY key_id DESC",
                JdbcSigningKeys::map, eventId);
    }

    private static SigningKey map(ResultSet rs) throws SQLException {
        return new SigningKey(uuid(rs, "event_id"), rs.getInt("key_id"), rs.getBytes("public_key"),
                rs.getBytes("sealed_private_key"), instant(rs, "created_at"), instant(rs, "retired_at"));
    }
}
