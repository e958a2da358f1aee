package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.registration.WaitlistEntry;
import dev.turnstile.registration.WaitlistRepository;
import dev.turnstile.registration.WaitlistStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

public final class JdbcWaitlist implements WaitlistRepository {

    private static final String COLUMNS = """
            id, org_id, event_id, ticket_type_id, user_id, quantity, status::text, offered_at, offer_expires_at,
            registration_id, created_at""";

    private final Sql sql;

    public JdbcWaitlist(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(WaitlistEntry e) {
        sql.update("""
                INSERT INTO waitlist_entries (id, org_id, event_id, ticket_type_id, user_id, quantity)
                VALUES (?, ?, ?, ?, ?, ?)
                """, e.id(), e.orgId(), e.eventId(), e.ticketTypeId(), e.userId(), e.quantity());
    }

    @Override
    public Optional<WaitlistEntry> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM waitlist_entries WHERE id = ?", JdbcWaitlist::map, id);
    }

    @Override
    public Optional<WaitlistEntry> lock(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM waitlist_entries WHERE id = ? FOR UPDATE", JdbcWaitlist::map, id);
    }

    @Override
    public Optional<WaitlistEntry> nextWaiting(UUID ticketTypeId) {
        return sql.one("SELECT " + COLUMNS + " FROM waitlist_entries WHERE ticket_type_id = ? AND status = 'waiting'"
                + " ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", JdbcWaitlist::map, ticketTypeId);
    }

    @Override
    public void offer(UUID id, Instant at, Instant expiresAt) {
        sql.update("UPDATE waitlist_entries SET status = 'offered', offered_at = ?, offer_expires_at = ? WHERE id = ?",
                at, expiresAt, id);
    }

    @Override
    public void close(UUID id, WaitlistStatus status, UUID registrationId) {
        sql.update("UPDATE waitlist_entries SET status = ?::waitlist_status, registration_id = ? WHERE id = ?",
                status, registrationId, id);
    }

    @Override
    public int placesAhead(WaitlistEntry e) {
        return sql.one("SELECT count(*) FROM waitlist_entries WHERE ticket_type_id = ? AND status = 'waiting'"
                        + " AND (created_at, id) < (?, ?)", rs -> rs.getInt(1), e.ticketTypeId(), e.createdAt(), e.id())
                .orElse(0);
    }

    @Override
    public List<WaitlistEntry> listForUser(UUID userId) {
        return sql.list("SELECT " + COLUMNS + " FROM waitlist_entries WHERE user_id = ? ORDER BY created_at DESC LIMIT 500",
                JdbcWaitlist::map, userId);
    }

    @Override
    public List<WaitlistEntry> listForEvent(UUID eventId) {
        return sql.list("SELECT " + COLUMNS + " FROM waitlist_entries WHERE event_id = ? ORDER BY created_at, id LIMIT 5000",
                JdbcWaitlist::map, eventId);
    }

    private static WaitlistEntry map(ResultSet rs) throws SQLException {
        return new WaitlistEntry(uuid(rs, "id"), uuid(rs, "org_id"), uuid(rs, "event_id"), uuid(rs, "ticket_type_id"),
                uuid(rs, "user_id"), rs.getInt("quantity"),
                WaitlistStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), instant(rs, "offered_at"),
                instant(rs, "offer_expires_at"), uuid(rs, "registration_id"), instant(rs, "created_at"));
    }
}
