package dev.turnstile.adapters.jdbc;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One JDBC transaction per unit of work, bound to the calling thread so that repositories find
 * it. The tenant context is set with {@code set_config(..., true)}, i.e. for this transaction
 * only: a pooled connection never carries one request's tenant into the next. It is sent in the
 * same message as the transaction's first statement, and statements whose answers are not needed
 * yet wait to go with the next one or with the commit ({@link Pipeline}): round trips, not
 * statements, are what a transaction costs here.
 */
public final class JdbcTransactions implements Transactions {

    private final DataSource dataSource;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcTransactions.class);

    private final ThreadLocal<Pipeline> pipeline = new ThreadLocal<>();
    private final ThreadLocal<java.util.List<Runnable>> afterCommit = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T write(TenantContext context, Supplier<T> work) {
        return run(context, false, work);
    }

    @Override
    public <T> T read(TenantContext context, Supplier<T> work) {
        return run(context, true, work);
    }

    @Override
    public void afterCommit(Runnable action) {
        java.util.List<Runnable> actions = afterCommit.get();
        if (actions == null) {
            throw new IllegalStateException("No transaction on this thread: afterCommit belongs inside one");
        }
        actions.add(action);
    }

    @Override
    public void actAs(UUID userId) {
        pipeline().queue("SELECT set_config('app.user_id', ?, true)", null, userId == null ? "" : userId.toString());
    }

    /** The connection of the transaction running on this thread. */
    public Connection connection() {
        return pipeline().connection();
    }

    /** The statements of this thread's transaction waiting to be sent (see {@link Pipeline}). */
    Pipeline pipeline() {
        Pipeline p = pipeline.get();
        if (p == null) {
            throw new IllegalStateException("No transaction on this thread: wrap the call in Transactions");
        }
        return p;
    }

    private <T> T run(TenantContext context, boolean readOnly, Supplier<T> work) {
        if (pipeline.get() != null) {
            throw new IllegalStateException("Nested transactions are not supported");
        }
        Connection acquired;
        try {
            acquired = dataSource.getConnection();
        } catch (java.sql.SQLTransientConnectionException e) {
            // the pool stayed empty for its whole timeout: say "busy, retry", not "server error"
            throw new dev.turnstile.common.Unavailable("Too many requests at once; retry in a moment");
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
        java.util.List<Runnable> committed;
        T result;
        try (Connection c = acquired) {
            c.setAutoCommit(false);
            c.setReadOnly(readOnly);
            Pipeline statements = new Pipeline(c);
            pipeline.set(statements);
            afterCommit.set(new java.util.ArrayList<>());
            try {
                // sent with the transaction's first statement, not in a round trip of its own
                statements.context("SELECT set_config('app.org_id', ?, true), set_config('app.user_id', ?, true)",
                        context.orgId().map(UUID::toString).orElse(""), context.userId().map(UUID::toString).orElse(""));
                result = work.get();
                statements.commit();
                committed = afterCommit.get();
            } catch (RuntimeException | Error e) {
                statements.discard();
                rollbackQuietly(c, e);
                throw e;
            } catch (SQLException e) {
                statements.discard();
                rollbackQuietly(c, e);
                throw SqlErrors.translate(e);
            } finally {
                pipeline.remove();
                afterCommit.remove();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
        // with the connection back in the pool: an action may open a transaction of its own
        runAfterCommit(committed);
        return result;
    }

    private static void runAfterCommit(java.util.List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("An action after commit failed; its repair path takes over", e);
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
