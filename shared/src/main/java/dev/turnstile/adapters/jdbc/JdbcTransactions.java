package dev.turnstile.adapters.jdbc;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One JDBC transaction per unit of work, bound to the calling thread so that repositories find
 * it. The tenant context is set with {@code set_config(..., true)}, i.e. for this transaction
 * only: a pooled connection never carries one request's tenant into the next.
 */
public final class JdbcTransactions implements Transactions {

    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

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

    /** The connection of the transaction running on this thread. */
    public Connection connection() {
        Connection c = current.get();
        if (c == null) {
            throw new IllegalStateException("No transaction on this thread: wrap the call in Transactions");
        }
        return c;
    }

    private <T> T run(TenantContext context, boolean readOnly, Supplier<T> work) {
        if (current.get() != null) {
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
        try (Connection c = acquired) {
            c.setAutoCommit(false);
            c.setReadOnly(readOnly);
            current.set(c);
            try {
                setContext(c, context);
                T result = work.get();
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw SqlErrors.translate(e);
            } finally {
                current.remove();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    private static void setContext(Connection c, TenantContext context) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT set_config('app.org_id', ?, true), set_config('app.user_id', ?, true)")) {
            ps.setString(1, context.orgId().map(UUID::toString).orElse(""));
            ps.setString(2, context.userId().map(UUID::toString).orElse(""));
            ps.execute();
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
