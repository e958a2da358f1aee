package dev.turnstile.adapters.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The statements of one transaction that are waiting to be sent. Statements whose answer is not
 * needed yet (the tenant context, an upsert, an insert whose returned key is read later) queue up
 * here and travel in the same message as the next statement that is needed at once, or as the
 * COMMIT: one round trip to PostgreSQL instead of one each. PostgreSQL runs them in order, and the
 * first one to fail aborts the transaction and skips the rest, so a queued write that fails fails
 * its transaction exactly as if it had been sent alone, only its exception arrives with the next
 * round trip. Code that needs to catch a particular statement's failure sends it at once.
 *
 * <p>Not thread-safe: one per transaction, used by the transaction's thread.
 */
final class Pipeline {

    /** A queued statement's answer: its rows (mapped), or its update count when it has no rows. */
    static final class Later<T> implements Supplier<T> {
        private final Pipeline pipeline;
        private T value;
        private boolean done;
        private boolean failed;

        private Later(Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        /** The answer, sending whatever is queued first if it has not been sent yet. */
        @Override
        public T get() {
            if (!done && !failed) {
                pipeline.sendQueued();
            }
            if (failed || !done) {
                throw new IllegalStateException("The statement was not carried out: its transaction failed or ended first");
            }
            return value;
        }
    }

    private record Step(String sql, Object[] params, Sql.RowMapper<?> mapper, Later<Object> answer) {
    }

    private final Connection connection;
    private List<Step> queued = new ArrayList<>();
    private Step context;
    private boolean sent;

    Pipeline(Connection connection) {
        this.connection = connection;
    }

    /** The transaction's connection, for what cannot be queued (a JDBC batch): call {@link #sendQueued} first. */
    Connection connection() {
        return connection;
    }

    /**
     * The statement that sets the transaction's tenant context: sent ahead of the transaction's
     * first statement, and not at all when the transaction runs none.
     */
    void context(String sql, Object... params) {
        context = new Step(sql, params, null, new Later<>(this));
    }

    /** Queues a statement; rows are mapped with {@code mapper} (null: its update count is the answer). */
    @SuppressWarnings("unchecked")
    <T> Later<T> queue(String sql, Sql.RowMapper<?> mapper, Object... params) {
        if (context != null) {
            queued.add(context);
            context = null;
        }
        Later<Object> answer = new Later<>(this);
        queued.add(new Step(sql, params, mapper, answer));
        return (Later<T>) answer;
    }

    /**
     * Sends what is queued, if anything, and the tenant context if it has not gone yet: after this
     * the connection may be used directly (a JDBC batch).
     */
    void sendQueued() {
        if (context != null) {
            queued.add(0, context);
            context = null;
        }
        try {
            send(false);
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** Commits: what is still queued travels in the same message as the COMMIT. */
    void commit() throws SQLException {
        context = null;
        if (!queued.isEmpty()) {
            send(true);
        } else if (sent) {
            connection.commit();
        } // else the transaction ran nothing: nothing was begun, nothing to commit
    }

    /** Forgets what was not sent (the transaction is rolled back). */
    void discard() {
        for (Step s : queued) {
            s.answer().failed = true;
        }
        queued = new ArrayList<>();
        context = null;
    }

    private void send(boolean commit) throws SQLException {
        if (queued.isEmpty()) {
            return;
        }
        List<Step> sending = queued;
        queued = new ArrayList<>();
        sent = true;
        StringBuilder text = new StringBuilder();
        for (Step s : sending) {
            text.append(text.isEmpty() ? "" : ";\n").append(s.sql());
        }
        if (commit) {
            text.append(";\nCOMMIT");
        }
        try (PreparedStatement ps = connection.prepareStatement(text.toString())) {
            int index = 1;
            for (Step s : sending) {
                for (Object param : s.params()) {
                    Sql.bind(connection, ps, index++, param);
                }
            }
            boolean rows = ps.execute();
            for (Step s : sending) {
                if (rows) {
                    try (ResultSet rs = ps.getResultSet()) {
                        s.answer().value = s.mapper() == null ? count(rs) : mapAll(rs, s.mapper());
                    }
                } else {
                    s.answer().value = ps.getUpdateCount();
                }
                s.answer().done = true;
                rows = ps.getMoreResults();
            }
        } catch (SQLException | RuntimeException e) {
            for (Step s : sending) {
                s.answer().failed = !s.answer().done;
            }
            throw e;
        }
    }

    private static int count(ResultSet rs) throws SQLException {
        int n = 0;
        while (rs.next()) {
            n++;
        }
        return n;
    }

    private static List<Object> mapAll(ResultSet rs, Sql.RowMapper<?> mapper) throws SQLException {
        List<Object> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(mapper.map(rs));
        }
        return rows;
    }
}
