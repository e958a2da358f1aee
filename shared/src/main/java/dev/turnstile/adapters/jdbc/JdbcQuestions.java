package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.textArray;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.registration.Question;
import dev.turnstile.registration.QuestionKind;
import dev.turnstile.registration.QuestionRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

public final class JdbcQuestions implements QuestionRepository {

    private static final String COLUMNS = """
            id, event_id, label, kind::text, options, required, ticket_type_ids, position, created_at, updated_at""";

    private final Sql sql;

    public JdbcQuestions(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(UUID orgId, Question q) {
        sql.update("""
                INSERT INTO registration_questions (id, org_id, event_id, label, kind, options, required, ticket_type_ids, position)
                VALUES (?, ?, ?, ?, ?::question_kind, ?, ?, ?, ?)
                """, q.id(), orgId, q.eventId(), q.label(), q.kind(), new Sql.TextArray(q.options()), q.required(),
                q.ticketTypeIds().toArray(new UUID[0]), q.position());
    }

    @Override
    public Optional<Question> find(UUID eventId, UUID questionId) {
        return sql.one("SELECT " + COLUMNS + " FROM registration_questions WHERE event_id = ? AND id = ?",
                JdbcQuestions::map, eventId, questionId);
    }

    @Override
    public void update(Question q) {
        sql.update("""
                UPDATE registration_questions SET label = ?, kind = ?::question_kind, options = ?, required = ?,
                  ticket_type_ids = ?, position = ?
                WHERE id = ?
                """, q.label(), q.kind(), new Sql.TextArray(q.options()), q.required(),
                q.ticketTypeIds().toArray(new UUID[0]), q.position(), q.id());
    }

    @Override
    public boolean delete(UUID eventId, UUID questionId) {
        return sql.update("DELETE FROM registration_questions WHERE event_id = ? AND id = ?", eventId, questionId) == 1;
    }

    @Override
    public List<Question> listForEvent(UUID eventId) {
        return sql.list(FOR_EVENT, JdbcQuestions::map, eventId);
    }

    /** An event's registration questions in their order; one parameter, the event's id. */
    static final String FOR_EVENT = "SELECT " + COLUMNS + " FROM registration_questions WHERE event_id = ?"
            + " ORDER BY position, created_at, id";

    static List<UUID> uuidArray(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    static Question map(ResultSet rs) throws SQLException {
        return new Question(uuid(rs, "id"), uuid(rs, "event_id"), rs.getString("label"),
                QuestionKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), textArray(rs, "options"),
                rs.getBoolean("required"), uuidArray(rs, "ticket_type_ids"), rs.getInt("position"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
