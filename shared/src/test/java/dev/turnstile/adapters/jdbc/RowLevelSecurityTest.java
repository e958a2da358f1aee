package dev.turnstile.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database half of tenant isolation, shown at the SQL level: queries that forget the org_id
 * filter still see only the organization in context.
 */
class RowLevelSecurityTest {

    static final TestDatabase db = TestDatabase.get();
    static final UUID userA = UUID.randomUUID();
    static final UUID userB = UUID.randomUUID();
    static final UUID orgA = UUID.randomUUID();
    static final UUID orgB = UUID.randomUUID();

    @BeforeAll
    static void twoOrganizationsWithOneEventEach() throws SQLException {
        createOrgWithEvent(orgA, userA, "rls-a-" + orgA.toString().substring(0, 8));
        createOrgWithEvent(orgB, userB, "rls-b-" + orgB.toString().substring(0, 8));
    }

    @Test
    void givenOrgAContext_whenQueryingEventsWithoutAnyFilter_thenOnlyOrgAEventsAreVisible() throws SQLException {
        List<UUID> owners = inContext(orgA, userA, c -> {
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT org_id FROM events")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
        assertThat(owners).isNotEmpty().containsOnly(orgA);
    }

    @Test
    void givenOrgAContext_whenUpdatingAllEvents_thenOrgBEventsAreUntouched() throws SQLException {
        inContext(orgA, userA, c -> c.createStatement().executeUpdate("UPDATE events SET title = 'hijacked'"));
        try (Connection c = db.owner().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT title FROM events WHERE org_id = ?")) {
            ps.setObject(1, orgB);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Event of " + orgB);
            }
        }
    }

    @Test
    void givenOrgAContext_whenInsertingARowForOrgB_thenRowLevelSecurityRefusesIt() {
        assertThatThrownBy(() -> inContext(orgA, userA, c -> c.createStatement().executeUpdate(
                "INSERT INTO speakers (org_id, name) VALUES ('" + orgB + "', 'Mallory')")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("row-level security");
    }

    @Test
    void givenNoContext_whenQueryingTenantTables_thenNothingIsVisible() throws SQLException {
        long count = inContext(null, null, c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM organizations)"
                            + " + (SELECT count(*) FROM audit_logs)")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(count).isZero();
    }

    @Test
    void givenUserContextOnly_whenListingOrganizations_thenOnlyTheUsersOwnAreVisible() throws SQLException {
        List<UUID> visible = inContext(null, userA, c -> {
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM organizations")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
        assertThat(visible).containsExactly(orgA);
    }

    @Test
    void givenTheApplicationRole_thenItIsNeitherSuperuserNorAbleToBypassRowLevelSecurity() throws SQLException {
        try (Connection c = db.app().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            assertThat(rs.getBoolean("rolsuper")).isFalse();
            assertThat(rs.getBoolean("rolbypassrls")).isFalse();
        }
    }

    @Test
    void givenAnUpdate_thenTheAuditLogRecordsBeforeAfterAndActor_andTheApplicationCannotAlterIt() throws SQLException {
        inContext(orgA, userA, c -> c.createStatement().executeUpdate(
                "UPDATE organizations SET name = 'Renamed A' WHERE id = '" + orgA + "'"));
        inContext(orgA, userA, c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT old_data ->> 'name', new_data ->> 'name', user_id FROM audit_logs"
                            + " WHERE table_name = 'organizations' AND action = 'UPDATE' AND record_id = '" + orgA + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Org " + orgA);
                assertThat(rs.getString(2)).isEqualTo("Renamed A");
                assertThat(rs.getObject(3, UUID.class)).isEqualTo(userA);
            }
            return null;
        });
        for (String tamper : List.of("UPDATE audit_logs SET user_id = NULL", "DELETE FROM audit_logs",
                "INSERT INTO audit_logs (table_name, action) VALUES ('events', 'INSERT')")) {
            assertThatThrownBy(() -> inContext(orgA, userA, c -> c.createStatement().executeUpdate(tamper)))
                    .as(tamper)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void givenEvenTheSchemaOwner_whenAttachingARowToAnotherOrganizationsParent_thenTheCompositeKeyRefusesIt() throws SQLException {
        try (Connection c = db.owner().getConnection()) {
            UUID eventOfB;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM events WHERE org_id = ?")) {
                ps.setObject(1, orgB);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    eventOfB = rs.getObject(1, UUID.class);
                }
            }
            // the owner bypasses row-level security; the (org_id, event_id) foreign key does not
            assertThatThrownBy(() -> c.createStatement().executeUpdate(
                    "INSERT INTO sessions (org_id, event_id, title, starts_at, ends_at) VALUES ('" + orgA + "', '"
                            + eventOfB + "', 'Smuggled', now(), now() + interval '1 hour')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("sessions_event_fkey");
        }
    }

    private static void createOrgWithEvent(UUID org, UUID user, String slug) throws SQLException {
        inContext(org, user, c -> {
            c.createStatement().executeUpdate("INSERT INTO users (id, email) VALUES ('" + user + "', '" + user + "@example.com')");
            c.createStatement().executeUpdate("INSERT INTO organizations (id, name, slug) VALUES ('" + org + "', 'Org " + org + "', '" + slug + "')");
            c.createStatement().executeUpdate("INSERT INTO org_members (org_id, user_id, role) VALUES ('" + org + "', '" + user + "', 'owner')");
            c.createStatement().executeUpdate("INSERT INTO events (org_id, title, slug, event_type, starts_at, ends_at, time_zone)"
                    + " VALUES ('" + org + "', 'Event of " + org + "', 'launch', 'online', now(), now() + interval '1 hour', 'Europe/Berlin')");
            return null;
        });
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static <T> T inContext(UUID org, UUID user, Work<T> work) throws SQLException {
        try (Connection c = db.app().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT set_config('app.org_id', ?, true), set_config('app.user_id', ?, true)")) {
                ps.setString(1, org == null ? "" : org.toString());
                ps.setString(2, user == null ? "" : user.toString());
                ps.execute();
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
