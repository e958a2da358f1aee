package dev.turnstile.adapters.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * Connection pools that log in with an RDS IAM authentication token instead of a password
 * ({@code TURNSTILE_DB_IAM_AUTH=true}), as the functions do against the RDS Proxy. A token is
 * valid for 15 minutes and only for opening a connection, so a new one is signed for every new
 * physical connection, and Hikari retires connections well before that
 * ({@link #MAX_CONNECTION_LIFETIME}). Signing is local (SigV4 with the function's role): no AWS
 * call. TLS is required: RDS rejects IAM logins without it, so the URL must say
 * {@code sslmode=require} (or {@code verify-ca}/{@code verify-full}).
 */
public final class IamAuthDataSources {

    /** An RDS IAM token's validity. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** Below the token's life, with room for Hikari's own variance (up to 2.5 % earlier). */
    static final Duration MAX_CONNECTION_LIFETIME = Duration.ofMinutes(10);

    private IamAuthDataSources() {
    }

    /** A pool whose connections log in as {@code user} with a token signed in the Lambda's region ({@code AWS_REGION}). */
    public static HikariDataSource pooled(String jdbcUrl, String user, int maxSize) {
        Endpoint endpoint = Endpoint.of(jdbcUrl);
        String region = Env.get("AWS_REGION", null);
        if (region == null) {
            throw new IllegalStateException("AWS_REGION is not set: IAM database authentication signs for a region");
        }
        RdsUtilities rds = RdsUtilities.builder().region(Region.of(region)).build();
        return pooled(jdbcUrl, user, maxSize, () -> rds.generateAuthenticationToken(token -> token
                .hostname(endpoint.host()).port(endpoint.port()).username(user)));
    }

    /** The same, with the token source given: the tests' way in, and a seam for another signer. */
    static HikariDataSource pooled(String jdbcUrl, String user, int maxSize, Supplier<String> tokens) {
        return new HikariDataSource(config(jdbcUrl, user, maxSize, tokens));
    }

    static HikariConfig config(String jdbcUrl, String user, int maxSize, Supplier<String> tokens) {
        Endpoint.of(jdbcUrl);
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("A database user is required for IAM authentication");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("Pool size must be at least 1: " + maxSize);
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(jdbcUrl);
        postgres.setApplicationName("turnstile");
        postgres.setReWriteBatchedInserts(true);

        HikariConfig config = new HikariConfig();
        config.setDataSource(new TokenLogin(postgres, user, Objects.requireNonNull(tokens)));
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(Math.min(2, maxSize));
        config.setPoolName("turnstile-iam-" + user);
        config.setConnectionTimeout(10_000);
        config.setMaxLifetime(MAX_CONNECTION_LIFETIME.toMillis());
        return config;
    }

    /** Host and port of a {@code jdbc:postgresql://host:port/db?sslmode=require} URL, after checking it asks for TLS. */
    record Endpoint(String host, int port) {

        static Endpoint of(String jdbcUrl) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
            }
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("No host in " + jdbcUrl);
            }
            String query = uri.getQuery() == null ? "" : uri.getQuery();
            boolean tls = query.matches("(.*&)?sslmode=(require|verify-ca|verify-full)(&.*)?");
            if (!tls) {
                throw new IllegalArgumentException(
                        "IAM database authentication needs TLS: add sslmode=require to " + jdbcUrl);
            }
            return new Endpoint(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort());
        }
    }

    /** Opens each physical connection with a freshly signed token as its password. */
    private record TokenLogin(PGSimpleDataSource postgres, String user, Supplier<String> tokens) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return postgres.getConnection(user, tokens.get());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
            postgres.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return postgres.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(postgres)) {
                return type.cast(postgres);
            }
            throw new SQLException("Not a wrapper of " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(postgres);
        }

        @Override
        public String toString() {
            return "IAM token login as " + user; // never the token
        }
    }
}
