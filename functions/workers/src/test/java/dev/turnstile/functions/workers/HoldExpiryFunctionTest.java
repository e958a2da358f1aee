package dev.turnstile.functions.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.testing.TestDatabase;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The scheduled handler, invoked with the payload EventBridge Scheduler sends, against the real PostgreSQL. */
class HoldExpiryFunctionTest {

    static final TestDatabase db = TestDatabase.get();

    @Test
    void givenAnExpiredHold_whenTheScheduleFires_thenTheRegistrationExpiresAndItsSeatIsReleased() throws Exception {
        UUID org = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        UUID type = UUID.randomUUID();
        UUID registration = UUID.randomUUID();
        try (Connection c = db.owner().getConnection()) {
            exec(c, "INSERT INTO organizations (id, name, slug) VALUES (?, 'Sweep', ?)", org, "sweep-" + org.toString().substring(0, 8));
            exec(c, "INSERT INTO events (id, org_id, title, slug, event_type, starts_at, ends_at, time_zone, is_published, published_at)"
                    + " VALUES (?, ?, 'E', 'e', 'online', now() + interval '9 days', now() + interval '10 days', 'UTC', true, now())", event, org);
            exec(c, "INSERT INTO ticket_types (id, org_id, event_id, name, price_minor, currency, capacity, quantity_held)"
                    + " VALUES (?, ?, ?, 'T', 1000, 'EUR', 5, 1)", type, org, event);
            exec(c, "INSERT INTO registrations (id, org_id, event_id, currency, status, subtotal_minor, total_minor, hold_expires_at,"
                    + " attendee_info) VALUES (?, ?, ?, 'EUR', 'pending', 1000, 1000, now() - interval '1 minute',"
                    + " '{\"name\": \"N\", \"email\": \"n@example.com\"}')", registration, org, event);
            exec(c, "INSERT INTO tickets (org_id, registration_id, ticket_type_id, ticket_code, price_minor)"
                    + " VALUES (?, ?, ?, ?, 1000)", org, registration, type, "CODE" + registration.toString().substring(0, 8));
        }
        var function = new HoldExpiryFunction(new Services(db.app(), new TestTokens().verifier(), dev.turnstile.testing.TestDoor.get().ports(), Clock.systemUTC()));

        var result = function.handleRequest(Map.of("function", "hold-expiry", "schedule", "rate(1 minute)",
                "scheduledTime", Instant.now().toString(), "executionId", UUID.randomUUID().toString()), null);

        assertThat(result.holdsExpired()).isGreaterThanOrEqualTo(1);
        try (Connection c = db.owner().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT r.status::text, t.quantity_held FROM registrations r"
                     + " JOIN ticket_types t ON t.event_id = r.event_id WHERE r.id = ?")) {
            ps.setObject(1, registration);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("expired");
                assertThat(rs.getInt(2)).isZero();
            }
        }
        assertThat(function.handleRequest(Map.of(), null).holdsExpired()).as("a second run finds nothing").isZero();
    }

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
