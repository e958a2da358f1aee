package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.integer;
import static dev.turnstile.adapters.jdbc.Sql.textArray;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.session.Session;
import dev.turnstile.session.SessionRepository;
import dev.turnstile.session.SessionSpeaker;
import dev.turnstile.session.SessionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class JdbcSessions implements SessionRepository {

    // speakers come along as one JSON array per session, in the order they were assigned
    private static final String SELECT = """
            SELECT s.id, s.org_id, s.event_id, s.title, s.description, s.room, s.starts_at, s.ends_at, s.capacity,
              s.tags, s.attachments, s.status::text, s.cancelled_at, s.created_at, s.updated_at,
              coalesce((SELECT jsonb_agg(jsonb_build_object('speakerId', sp.id, 'name', sp.name, 'role', ss.role)
                                         ORDER BY ss.position)
                        FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id
                        WHERE ss.session_id = s.id), '[]') AS speakers
            FROM sessions s
            """;

    private final Sql sql;

    public JdbcSessions(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Session s) {
        sql.update("""
                INSERT INTO sessions (id, org_id, event_id, title, description, room, starts_at, ends_at, capacity, tags,
                  attachments, status, cancelled_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::session_status, ?)
                """, s.id(), s.orgId(), s.eventId(), s.title(), s.description(), s.room(), s.startsAt(), s.endsAt(),
                s.capacity(), new Sql.TextArray(s.tags()), new Sql.Json(s.attachments()), s.status(), s.cancelledAt());
    }

    @Override
    public Optional<Session> find(UUID eventId, UUID sessionId) {
        return sql.one(SELECT + " WHERE s.event_id = ? AND s.id = ?", JdbcSessions::map, eventId, sessionId);
    }

    @Override
    public void update(Session s) {
        sql.update("""
                UPDATE sessions SET title = ?, description = ?, room = ?, starts_at = ?, ends_at = ?, capacity = ?,
                  tags = ?, attachments = ?, status = ?::session_status, cancelled_at = ?
                WHERE id = ?
                """, s.title(), s.description(), s.room(), s.startsAt(), s.endsAt(), s.capacity(),
                new Sql.TextArray(s.tags()), new Sql.Json(s.attachments()), s.status(), s.cancelledAt(), s.id());
    }

    @Override
    public List<Session> listForEvent(UUID eventId) {
        return sql.list(SELECT + " WHERE s.event_id = ? ORDER BY s.starts_at, s.title, s.id", JdbcSessions::map, eventId);
    }

    @Override
    public void setSpeakers(UUID orgId, UUID sessionId, List<SessionSpeaker> speakers) {
        sql.update("DELETE FROM session_speakers WHERE session_id = ?", sessionId);
        for (int position = 0; position < speakers.size(); position++) {
            SessionSpeaker speaker = speakers.get(position);
            sql.update("INSERT INTO session_speakers (org_id, session_id, speaker_id, role, position) VALUES (?, ?, ?, ?, ?)",
                    orgId, sessionId, speaker.speakerId(), speaker.role(), position);
        }
    }

    @SuppressWarnings("unchecked")
    private static Session map(ResultSet rs) throws SQLException {
        List<SessionSpeaker> speakers = new ArrayList<>();
        for (Object o : Sql.jsonArray(rs, "speakers")) {
            Map<String, Object> m = (Map<String, Object>) o;
            speakers.add(new SessionSpeaker(UUID.fromString((String) m.get("speakerId")), (String) m.get("name"),
                    (String) m.get("role")));
        }
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (Object o : Sql.jsonArray(rs, "attachments")) {
            attachments.add((Map<String, Object>) o);
        }
        return new Session(uuid(rs, "id"), uuid(rs, "org_id"), uuid(rs, "event_id"), rs.getString("title"),
                rs.getString("description"), rs.getString("room"), instant(rs, "starts_at"), instant(rs, "ends_at"),
                integer(rs, "capacity"), textArray(rs, "tags"), attachments,
                SessionStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), instant(rs, "cancelled_at"),
                speakers, instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
