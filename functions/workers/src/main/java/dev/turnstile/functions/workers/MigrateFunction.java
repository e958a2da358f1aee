package dev.turnstile.functions.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.turnstile.adapters.jdbc.DataSources;
import dev.turnstile.adapters.jdbc.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.api.output.MigrateResult;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Deploy machinery, not a catalogue function: the CDK {@code Trigger} in the data stack invokes it
 * once per deploy whose code changed (the migrations are in this jar), after the database exists
 * and before the API's and schedules' functions are updated. It logs in to the cluster as the
 * schema owner (the cluster's generated secret), applies {@link Migrations}, and lets the
 * application role {@code turnstile_app} log in with IAM tokens (RDS's {@code rds_iam} role),
 * which is how the functions reach the database through RDS Proxy.
 *
 * <p>Environment: {@code TURNSTILE_DB_OWNER_SECRET_ARN}, {@code TURNSTILE_DB_HOST},
 * {@code TURNSTILE_DB_PORT} (default 5432), {@code TURNSTILE_DB_NAME}, {@code TURNSTILE_DB_APP_USER}.
 * A failure throws, which fails the trigger and so the deployment (CloudFormation rolls back).
 */
public final class MigrateFunction implements RequestHandler<Map<String, Object>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, String> environment;
    private final Function<String, String> secrets;

    /** Called by the Lambda runtime. */
    public MigrateFunction() {
        this(System::getenv, MigrateFunction::readSecret);
    }

    /** Environment and secret source given: the tests' way in. */
    MigrateFunction(Function<String, String> environment, Function<String, String> secrets) {
        this.environment = environment;
        this.secrets = secrets;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Settings settings = settings();
        JsonNode secret = parse(secrets.apply(settings.ownerSecretArn()));
        String user = text(secret, "username");
        String password = text(secret, "password");
        try (HikariDataSource owner = DataSources.pooled(settings.jdbcUrl(), user, password, 1)) {
            MigrateResult result = Migrations.apply(owner, settings.appUser());
            allowIamLogin(owner, settings.appUser());
            return "Applied " + result.migrationsExecuted + " migration(s); schema version "
                    + (result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion);
        }
    }

    record Settings(String ownerSecretArn, String host, int port, String database, String appUser) {

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=require";
        }
    }

    Settings settings() {
        String port = environment.apply("TURNSTILE_DB_PORT");
        return new Settings(required("TURNSTILE_DB_OWNER_SECRET_ARN"), required("TURNSTILE_DB_HOST"),
                port == null || port.isBlank() ? 5432 : Integer.parseInt(port),
                required("TURNSTILE_DB_NAME"), required("TURNSTILE_DB_APP_USER"));
    }

    /**
     * On RDS, members of {@code rds_iam} log in with IAM tokens only. Elsewhere (a plain
     * PostgreSQL) the role does not exist and nothing is granted.
     */
    static void allowIamLogin(javax.sql.DataSource owner, String appUser) {
        if (!appUser.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain role name: " + appUser);
        }
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') THEN "
                    + "GRANT rds_iam TO " + appUser + "; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not let " + appUser + " log in with IAM tokens", e);
        }
    }

    private String required(String name) {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static JsonNode parse(String secretJson) {
        try {
            return JSON.readTree(secretJson);
        } catch (IOException e) {
            throw new UncheckedIOException("The owner secret is not JSON", e);
        }
    }

    private static String text(JsonNode secret, String field) {
        JsonNode value = secret.get(field);
        if (value == null || value.asText().isBlank()) {
            throw new IllegalStateException("The owner secret has no " + field);
        }
        return value.asText();
    }

    private static String readSecret(String arn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return client.getSecretValue(request -> request.secretId(arn)).secretString();
        }
    }
}
