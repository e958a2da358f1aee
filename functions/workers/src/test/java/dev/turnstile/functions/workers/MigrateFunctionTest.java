package dev.turnstile.functions.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deploy-time migration step: its settings, and a run against the local PostgreSQL. */
class MigrateFunctionTest {

    private static Map<String, String> env() {
        var env = new HashMap<String, String>();
        env.put("TURNSTILE_DB_OWNER_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:owner");
        env.put("TURNSTILE_DB_HOST", "cluster.example");
        env.put("TURNSTILE_DB_NAME", "turnstile");
        env.put("TURNSTILE_DB_APP_USER", "turnstile_app");
        return env;
    }

    @Test
    void givenTheTriggersEnvironment_thenItConnectsToTheClusterWithTls() {
        var settings = new MigrateFunction(env()::get, arn -> "{}").settings();

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://cluster.example:5432/turnstile?sslmode=require");
        assertThat(settings.appUser()).isEqualTo("turnstile_app");
    }

    @Test
    void givenAMissingSetting_thenTheRunFailsNamingIt() {
        var env = env();
        env.remove("TURNSTILE_DB_HOST");

        assertThatThrownBy(() -> new MigrateFunction(env::get, arn -> "{}").handleRequest(Map.of(), null))
                .hasMessageContaining("TURNSTILE_DB_HOST");
    }

    @Test
    void givenASecretWithoutPassword_thenTheRunFailsBeforeConnecting() {
        assertThatThrownBy(() -> new MigrateFunction(env()::get, arn -> "{\"username\":\"owner\"}").handleRequest(Map.of(), null))
                .hasMessageContaining("password");
    }

    @Test
    void givenARoleNameThatIsNotPlain_thenNothingIsGranted() {
        assertThatThrownBy(() -> MigrateFunction.allowIamLogin(null, "app; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
