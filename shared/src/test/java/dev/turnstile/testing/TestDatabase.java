package dev.turnstile.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.turnstile.adapters.jdbc.DataSources;
import dev.turnstile.adapters.jdbc.JdbcTransactions;
import dev.turnstile.adapters.jdbc.Migrations;
import dev.turnstile.adapters.jdbc.PostgresServer;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One migrated database per test JVM, on the PostgreSQL that configuration names (the dev and CI
 * machines have one at 127.0.0.1:5432) or an embedded one. Tests isolate themselves by creating
 * their own organizations, exactly as tenants are isolated in production; the database is dropped
 * when the JVM exits.
 */
public final class TestDatabase {

    public static final String APP_ROLE = "turnstile_app";

    private static TestDatabase instance;

    private final PostgresServer server;
    private final String name;
    private final HikariDataSource owner;
    private final HikariDataSource app;

    private TestDatabase() {
        server = PostgresServer.fromEnvironment();
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        name = "turnstile_test_" + HexFormat.of().formatHex(random);
        server.createDatabase(name);
        owner = DataSources.pooled(server.jdbcUrl(name), server.adminUser(), null, 4);
        Migrations.apply(owner, APP_ROLE);
        app = DataSources.pooled(server.jdbcUrl(name), APP_ROLE, null, 16);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "drop-test-database"));
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = new TestDatabase();
        }
        return instance;
    }

    /** Connections as the application role: row-level security applies. */
    public HikariDataSource app() {
        return app;
    }

    /** Connections as the schema owner: for set-up and for looking behind the application's back. */
    public HikariDataSource owner() {
        return owner;
    }

    public JdbcTransactions transactions() {
        return new JdbcTransactions(app);
    }

    private void close() {
        app.close();
        owner.close();
        try {
            server.dropDatabase(name);
        } finally {
            server.close();
        }
    }
}
