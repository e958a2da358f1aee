package dev.turnstile.adapters.jdbc;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned SQL migrations in {@code db/migration} as the schema owner. The local
 * runtime and the tests call it at start; in AWS a deploy-time step will (see docs/infrastructure.md).
 */
public final class Migrations {

    private Migrations() {
    }

    public static MigrateResult apply(DataSource ownerDataSource, String appRole) {
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain role name: " + appRole);
        }
        return Flyway.configure()
                .dataSource(ownerDataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", appRole))
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
