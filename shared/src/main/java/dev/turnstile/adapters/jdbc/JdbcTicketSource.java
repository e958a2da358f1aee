package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.checkin.CheckInWindow;
import dev.turnstile.checkin.DoorTicket;
import dev.turnstile.checkin.TicketSource;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

public final class JdbcTicketSource implements TicketSource {

    private static final String DOOR_TICKET = """
            SELECT t.id, t.org_id, r.event_id, t.registration_id, r.confirmation_number, t.status::text AS status,
                   t.code_version, t.attendee_data ->> 'name' AS attendee_name, t.attendee_data ->> 'email' AS attendee_email,
                   t.ticket_type_id, tt.name AS ticket_type_name, e.starts_at, e.ends_at
              FROM tickets t
              JOIN registrations r ON r.org_id = t.org_id AND r.id = t.registration_id
              JOIN ticket_types tt ON tt.org_id = t.org_id AND tt.id = t.ticket_type_id
              JOIN events e ON e.org_id = r.org_id AND e.id = r.event_id
            """;

    private final Sql sql;

    public JdbcTicketSource(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<DoorTicket> ticket(UUID ticketId) {
        return sql.one(DOOR_TICKET + " WHERE t.id = ?", JdbcTicketSource::doorTicket, ticketId);
    }

    @Override
    public List<DoorTicket> ofRegistration(UUID registrationId) {
        return sql.list(DOOR_TICKET + " WHERE t.registration_id = ? ORDER BY t.id", JdbcTicketSource::doorTicket, registrationId);
    }

    @Override
    public List<DoorTicket> search(UUID eventId, String text, int limit) {
        String pattern = Sql.containsPattern(text);
        return sql.list(DOOR_TICKET + """
                 WHERE r.event_id = ? AND t.status IN ('issued', 'reserved')
                   AND (t.attendee_data ->> 'name' ILIKE ? ESCAPE '\\'
                        OR t.attendee_data ->> 'email' ILIKE ? ESCAPE '\\'
                        OR r.confirmation_number ILIKE ? ESCAPE '\\')
                 ORDER BY t.attendee_data ->> 'name', t.id
                 LIMIT ?""", JdbcTicketSource::doorTicket, eventId, pattern, pattern, pattern, limit);
    }

    @Override
    public List<DoorTicket> issued(UUID eventId) {
        return sql.list(DOOR_TICKET + " WHERE r.event_id = ? AND t.status = 'issued' ORDER BY t.id",
                JdbcTicketSource::doorTicket, eventId);
    }

    @Override
    public List<Revoked> revoked(UUID eventId) {
        return sql.list(DOOR_TICKET + " WHERE r.event_id = ? AND t.status IN ('cancelled', 'refunded') ORDER BY t.id",
                rs -> new Revoked(uuid(rs, "id"), rs.getInt("code_version"), status(rs)), eventId);
    }

    @Override
    public Optional<EventFacts> event(UUID eventId) {
        return sql.one("""
                SELECT id, org_id, title, starts_at, ends_at, deleted_at IS NULL AND archived_at IS NULL AS usable
                  FROM events WHERE id = ?""",
                rs -> new EventFacts(uuid(rs, "id"), uuid(rs, "org_id"), rs.getString("title"), instant(rs, "starts_at"),
                        instant(rs, "ends_at"), rs.getBoolean("usable")), eventId);
    }

    @Override
    public Optional<SessionFacts> session(UUID eventId, UUID sessionId) {
        return sql.one("SELECT id, event_id, title, capacity, status::text = 'cancelled' AS cancelled FROM sessions "
                        + "WHERE id = ? AND event_id = ?",
                rs -> new SessionFacts(uuid(rs, "id"), uuid(rs, "event_id"), rs.getString("title"), Sql.integer(rs, "capacity"),
                        rs.getBoolean("cancelled")), sessionId, eventId);
    }

    @Override
    public List<VerificationKey> keys(UUID eventId) {
        return sql.list("SELECT key_id, public_key, retired_at IS NULL AS active FROM ticket_signing_keys WHERE event_id = ? "
                        + "ORDER BY key_id",
                rs -> {
                    byte[] encoded = rs.getBytes("public_key");
                    try {
                        return new VerificationKey(rs.getInt("key_id"),
                                KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded)), encoded,
                                rs.getBoolean("active"));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("A stored public key does not decode", e);
                    }
                }, eventId);
    }

    @Override
    public List<Expected> expected(UUID eventId) {
        return sql.list("""
                SELECT tt.id, tt.name, count(t.id) AS tickets
                  FROM ticket_types tt
                  LEFT JOIN tickets t ON t.org_id = tt.org_id AND t.ticket_type_id = tt.id AND t.status = 'issued'
                 WHERE tt.event_id = ?
                 GROUP BY tt.id, tt.name
                 ORDER BY tt.name, tt.id""",
                rs -> new Expected(uuid(rs, "id"), rs.getString("name"), rs.getLong("tickets")), eventId);
    }

    private static DoorTicket doorTicket(ResultSet rs) throws SQLException {
        return new DoorTicket(uuid(rs, "id"), uuid(rs, "org_id"), uuid(rs, "event_id"), uuid(rs, "registration_id"),
                rs.getString("confirmation_number"), status(rs), rs.getInt("code_version"), rs.getString("attendee_name"),
                rs.getString("attendee_email"), uuid(rs, "ticket_type_id"), rs.getString("ticket_type_name"),
                CheckInWindow.opens(instant(rs, "starts_at")), CheckInWindow.closes(instant(rs, "ends_at")));
    }

    private static DoorTicket.Status status(ResultSet rs) throws SQLException {
        return DoorTicket.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT));
    }
}
