package dev.turnstile.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class SnapStartConnectionsTest {

    @Test
    void givenPooledConnections_whenASnapshotIsTaken_thenNoneSurvivesIntoTheRestoredCopy() throws Exception {
        try (var pool = DataSources.pooled(TestDatabase.get().app().getJdbcUrl(), TestDatabase.APP_ROLE, null, 3)) {
            int before = backendPid(pool.getConnection());
            SnapStartConnections hooks = SnapStartConnections.register(pool);

            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);

            assertThat(backendPid(pool.getConnection())).as("a fresh server connection").isNotEqualTo(before);
        }
    }

    private static int backendPid(Connection c) throws Exception {
        try (c; ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
