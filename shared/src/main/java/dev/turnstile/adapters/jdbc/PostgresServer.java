package dev.turnstile.adapters.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server for the local runtime and the tests: the one configuration names if it
 * answers, otherwise an embedded PostgreSQL 15 started in this process (and stopped with it).
 * The Lambda functions never use this class; they are given a configured data source.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final String host;
    private final int port;
    private final String adminUser;
    private final EmbeddedPostgres embedded;

    private PostgresServer(String host, int port, String adminUser, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.embedded = embedded;
    }

    /**
     * @param mode {@code auto} (the configured server if reachable, else embedded), {@code server}
     *     (fail if the configured server does not answer) or {@code embedded}
     */
    public static PostgresServer locate(String host, int port, String adminUser, String mode) {
        if (!mode.equals("embedded") && reachable(host, port)) {
            log.info("Using PostgreSQL at {}:{}", host, port);
            return new PostgresServer(host, port, adminUser, null);
        }
        if (mode.equals("server")) {
            throw new IllegalStateException("No PostgreSQL answers at " + host + ":" + port
                    + " and TURNSTILE_DB_MODE=server forbids the embedded fallback");
        }
        if (mode.equals("embedded")) {
            log.info("TURNSTILE_DB_MODE=embedded: starting an embedded PostgreSQL 15");
        } else {
            log.info("No PostgreSQL at {}:{}; starting an embedded PostgreSQL 15", host, port);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new PostgresServer("127.0.0.1", pg.getPort(), "postgres", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    public static PostgresServer fromEnvironment() {
        return locate(
                Env.get("TURNSTILE_DB_HOST", "127.0.0.1"),
                Integer.parseInt(Env.get("TURNSTILE_DB_PORT", "5432")),
                Env.get("TURNSTILE_DB_ADMIN_USER", "postgres"),
                Env.get("TURNSTILE_DB_MODE", "auto"));
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String adminUser() {
        return adminUser;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        requireIdentifier(name);
        try (Connection c = adminConnection("postgres");
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    public void dropDatabase(String name) {
        requireIdentifier(name);
        try (Connection c = adminConnection("postgres"); var drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + name, e);
        }
    }

    public Connection adminConnection(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", adminUser);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
