package dev.turnstile.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Configuration and validation of the IAM-token pools; no AWS call, no token signed by AWS. */
class IamAuthDataSourcesTest {

    private static final String PROXY_URL =
            "jdbc:postgresql://turnstile.proxy-abc.eu-west-1.rds.amazonaws.com:5432/turnstile?sslmode=require";

    @Test
    void givenAProxyUrl_whenParsed_thenItsHostAndPortAreWhatTheTokenIsSignedFor() {
        assertThat(IamAuthDataSources.Endpoint.of(PROXY_URL))
                .isEqualTo(new IamAuthDataSources.Endpoint("turnstile.proxy-abc.eu-west-1.rds.amazonaws.com", 5432));
        assertThat(IamAuthDataSources.Endpoint.of("jdbc:postgresql://db.internal/turnstile?ApplicationName=x&sslmode=verify-full"))
                .isEqualTo(new IamAuthDataSources.Endpoint("db.internal", 5432));
    }

    @Test
    void givenAUrlWithoutTls_whenConfigured_thenItIsRefused() {
        assertThatThrownBy(() -> IamAuthDataSources.config(
                "jdbc:postgresql://proxy:5432/turnstile", "turnstile_app", 2, () -> "token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslmode=require");
        assertThatThrownBy(() -> IamAuthDataSources.config(
                "jdbc:postgresql://proxy:5432/turnstile?sslmode=prefer", "turnstile_app", 2, () -> "token"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenBadSettings_whenConfigured_thenEachIsNamed() {
        assertThatThrownBy(() -> IamAuthDataSources.config("jdbc:mysql://x/y?sslmode=require", "u", 2, () -> "t"))
                .hasMessageContaining("Not a PostgreSQL JDBC URL");
        assertThatThrownBy(() -> IamAuthDataSources.config(PROXY_URL, " ", 2, () -> "t"))
                .hasMessageContaining("user is required");
        assertThatThrownBy(() -> IamAuthDataSources.config(PROXY_URL, "u", 0, () -> "t"))
                .hasMessageContaining("at least 1");
    }

    @Test
    void givenAPool_thenConnectionsRetireBeforeTheTokenWouldExpire() {
        var config = IamAuthDataSources.config(PROXY_URL, "turnstile_app", 2, () -> "s3cr3t-signature");

        assertThat(config.getMaxLifetime()).isLessThan(IamAuthDataSources.TOKEN_LIFETIME.toMillis());
        assertThat(config.getPassword()).as("no static password").isNull();
        assertThat(config.getDataSource().toString()).doesNotContain("s3cr3t").contains("turnstile_app");
    }

    @Test
    void givenTheLocalServer_whenEachPhysicalConnectionOpens_thenAFreshTokenIsAskedFor() throws Exception {
        // PostgreSQL at 127.0.0.1 trusts local logins, so any "token" logs in; what counts is that
        // one is asked for per physical connection, at connection time.
        var asked = new AtomicInteger();
        var config = IamAuthDataSources.config(
                "jdbc:postgresql://127.0.0.1:" + Env.get("TURNSTILE_DB_PORT", "5432") + "/postgres?sslmode=require",
                Env.get("TURNSTILE_DB_ADMIN_USER", "postgres"), 1, () -> "token-" + asked.incrementAndGet());
        DataSource login = config.getDataSource();

        try (Connection first = login.getConnection(); Connection second = login.getConnection()) {
            assertThat(first.isValid(1)).isTrue();
            assertThat(second.isValid(1)).isTrue();
        } catch (org.postgresql.util.PSQLException noTls) {
            // the local server may not speak TLS; then only the counting can be checked
            assertThat(noTls.getMessage()).containsIgnoringCase("SSL");
        }
        assertThat(asked.get()).isGreaterThanOrEqualTo(1);
    }
}
