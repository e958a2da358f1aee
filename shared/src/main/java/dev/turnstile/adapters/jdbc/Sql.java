package dev.turnstile.adapters.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.postgresql.util.PGobject;

/**
 * A thin layer over JDBC: the SQL stays written out at each call site; this only binds
 * parameters (UUIDs, instants, enums, JSON, text arrays) and maps rows.
 */
public final class Sql {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    private final JdbcTransactions transactions;

    public Sql(JdbcTransactions transactions) {
        this.transactions = transactions;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Marks a value to be bound as {@code jsonb}. */
    public record Json(Object value) {
    }

    /** Marks a collection to be bound as {@code text[]}. */
    public record TextArray(Collection<String> values) {
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return listLater(sql, mapper, params).get();
    }

    /**
     * Queues a query: it is sent with the next statement whose answer is needed at once, or with
     * the commit, and {@code get()} on the answer sends it (and whatever is queued before it) if it
     * has not gone yet. See {@link Pipeline}.
     */
    public <T> Supplier<List<T>> listLater(String sql, RowMapper<T> mapper, Object... params) {
        return transactions.pipeline().queue(sql, mapper, params);
    }

    /**
     * Queues a write whose answer nobody reads: it travels with the next statement or the commit.
     * If it fails, its transaction fails there. See {@link Pipeline}.
     */
    public void later(String sql, Object... params) {
        transactions.pipeline().queue(sql, null, params);
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        return oneLater(sql, mapper, params).get();
    }

    /** Like {@link #listLater}, for a statement answering at most one row. */
    public <T> Supplier<Optional<T>> oneLater(String sql, RowMapper<T> mapper, Object... params) {
        Supplier<List<T>> rows = listLater(sql, mapper, params);
        return () -> {
            List<T> all = rows.get();
            if (all.size() > 1) {
                throw new IllegalStateException("Expected at most one row, got " + all.size());
            }
            return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
        };
    }

    public int update(String sql, Object... params) {
        Supplier<Integer> count = transactions.pipeline().queue(sql, null, params);
        return count.get();
    }

    /** Runs one statement for each row of parameters, as one JDBC batch (one round trip). */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        transactions.pipeline().sendQueued();
        Connection c = transactions.connection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bind(c, ps, i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw SqlErrors.translate(cause);
        }
    }

    static void bind(Connection c, PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case null -> ps.setNull(index, Types.NULL);
            case Instant instant -> ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
            case Enum<?> e -> ps.setString(index, e.name().toLowerCase(java.util.Locale.ROOT));
            case Json json -> {
                PGobject object = new PGobject();
                object.setType("jsonb");
                object.setValue(writeJson(json.value()));
                ps.setObject(index, object);
            }
            case TextArray array -> ps.setArray(index, c.createArrayOf("text", array.values().toArray()));
            default -> ps.setObject(index, value);
        }
    }

    /**
     * A LIKE/ILIKE pattern matching {@code text} anywhere, with the user's own {@code %}, {@code _}
     * and backslashes taken literally; use it with {@code ESCAPE '\\'}.
     */
    public static String containsPattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    // ---- reading helpers, for row mappers ----

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Map<String, Object> jsonObject(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        try {
            return text == null ? Map.of() : JSON.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("Column " + column + " holds no JSON object", e);
        }
    }

    public static List<Object> jsonArray(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        try {
            return text == null ? List.of() : JSON.readValue(text, LIST);
        } catch (JsonProcessingException e) {
            throw new SQLException("Column " + column + " holds no JSON array", e);
        }
    }

    public static List<String> textArray(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }

    private static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serializable as JSON", e);
        }
    }
}
