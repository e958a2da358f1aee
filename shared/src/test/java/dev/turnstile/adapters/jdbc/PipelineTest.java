package dev.turnstile.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements queued in a transaction travel with the next statement needed at once or with the
 * commit, in one round trip (one execute on the connection), with the tenant context ahead of them;
 * a queued write that fails fails its transaction, and one never sent is never carried out.
 */
class PipelineTest {

    static final TestDatabase db = TestDatabase.get();
    static final UUID orgA = UUID.randomUUID();
    static final UUID orgB = UUID.randomUUID();

    /** Round trips: statement executions on the pool's connections. */
    private final AtomicInteger executes = new AtomicInteger();
    private JdbcTransactions transactions;
    private Sql sql;
    private String topic;

    @BeforeAll
    static void twoOrganizations() throws SQLException {
        try (Connection c = db.owner().getConnection()) {
            for (UUID org : List.of(orgA, orgB)) {
                c.createStatement().executeUpdate("INSERT INTO organizations (id, name, slug) VALUES ('" + org
                        + "', 'Org', 'pipeline-" + org + "')");
            }
        }
    }

    @BeforeEach
    void countingConnections() {
        transactions = new JdbcTransactions(counting(db.app()));
        sql = new Sql(transactions);
        // a topic of this test alone (topics are lower-case words)
        topic = "pipeline.test_" + java.util.concurrent.ThreadLocalRandom.current().ints(16, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    }

    @Test
    void queuedWritesAndTheTenantContextGoWithTheNextStatementInOneRoundTrip() {
        long seen = transactions.write(TenantContext.of(orgA, null), () -> {
            sql.later("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, '{}')", orgA, topic);
            sql.later("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, '{}')", orgA, topic);
            assertThat(executes).as("nothing sent while everything waits").hasValue(0);
            // row-level security lets the inserts and the count see organization A only if the
            // context went first
            return sql.one("SELECT count(*) FROM outbox_messages WHERE topic = ?", rs -> rs.getLong(1), topic).orElseThrow();
        });
        assertThat(seen).isEqualTo(2);
        assertThat(executes).as("context, two inserts and the count in one message; the commit alone").hasValue(2);
        assertThat(committed()).isEqualTo(2);
    }

    @Test
    void whatIsStillQueuedAtTheEndGoesWithTheCommit() {
        Supplier<List<Long>> id = transactions.write(TenantContext.of(orgA, null), () -> sql.listLater(
                "INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, '{}') RETURNING id",
                rs -> rs.getLong(1), orgA, topic));
        assertThat(executes).as("context, insert and COMMIT in one message").hasValue(1);
        assertThat(committed()).isEqualTo(1);
        assertThat(id.get()).hasSize(1); // answered by that message, readable after the commit
    }

    @Test
    void aQueuedWriteThatFailsFailsItsWholeTransaction() {
        assertThatThrownBy(() -> transactions.write(TenantContext.of(orgA, null), () -> {
            sql.later("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, '{}')", orgA, topic);
            // organization B's row in A's context: refused by row-level security, at the commit
            sql.later("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, '{}')", orgB, topic);
            return null;
        })).isInstanceOf(RuntimeException.class);
        assertThat(committed()).as("the first insert was rolled back with the second").isZero();

        // the connection went back to the pool clean: the next transaction works
        transactions.write(TenantContext.of(orgA, null), () -> {
            sql.later("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, '{}')", orgA, topic);
            return null;
        });
        assertThat(committed()).isEqualTo(1);
    }

    @Test
    void aJdbcBatchAsTheFirstStatementRunsInTheTenantContextToo() {
        transactions.write(TenantContext.of(orgA, null), () -> {
            // refused by row-level security if the context did not go first
            sql.batch("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, '{}')",
                    List.of(new Object[] {orgA, topic}, new Object[] {orgA, topic}));
            return null;
        });
        assertThat(committed()).isEqualTo(2);
    }

    @Test
    void whatIsQueuedWhenTheWorkFailsIsNeverSentAndATransactionWithoutStatementsSendsNothing() {
        assertThatThrownBy(() -> transactions.write(TenantContext.of(orgA, null), () -> {
            sql.later("INSERT INTO outbox_messages (org_id, topic, payload) VALUES (?, ?, '{}')", orgA, topic);
            throw new IllegalStateException("refused before anything was needed");
        })).hasMessageContaining("refused");
        transactions.read(TenantContext.of(orgA, null), () -> null);
        assertThat(executes).hasValue(0);
        assertThat(committed()).isZero();
    }

    private long committed() {
        try (Connection c = db.owner().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox_messages WHERE topic = ?")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pool, with every statement execution (and commit) on its connections counted. */
    private DataSource counting(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    return method.getName().equals("getConnection") ? countingConnection((Connection) result) : result;
                });
    }

    private Connection countingConnection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        executes.incrementAndGet();
                    }
                    Object result = invoke(connection, method, args);
                    if (result instanceof PreparedStatement ps) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                                (p, m, a) -> {
                                    if (m.getName().startsWith("execute")) {
                                        executes.incrementAndGet();
                                    }
                                    return invoke(ps, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
