package dev.turnstile.functions.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.testing.TestDatabase;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The payment workflow's task handler, invoked with the JSON the state machine's task states send,
 * against the real PostgreSQL: its answer is what the state machine's Choice states read.
 */
class PaymentStepsFunctionTest {

    static final TestDatabase db = TestDatabase.get();
    static final PaymentStepsFunction function = new PaymentStepsFunction(new Services(db.app(),
            new TestTokens().verifier(), dev.turnstile.testing.TestDoor.get().ports(), Clock.systemUTC()));

    @Test
    void givenAHoldThatStillRuns_whenChecked_thenItWaitsTwoMinutesAtMost_andNeverPastTheHold() throws Exception {
        UUID[] r = pendingRegistration("now() + interval '15 minutes'");

        Map<String, Object> out = step("check", r);

        assertThat(out).containsEntry("status", "waiting");
        Instant next = Instant.parse((String) out.get("nextCheckAt"));
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(2)).plusSeconds(2));
        assertThat(Instant.parse((String) out.get("holdExpiresAt"))).isAfter(next);
        assertThat((String) out.get("holdExpiresAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        UUID[] soon = pendingRegistration("now() + interval '30 seconds'");
        Map<String, Object> almost = step("check", soon);
        assertThat(almost.get("nextCheckAt")).as("the last poll is at the hold's end").isEqualTo(almost.get("holdExpiresAt"));
    }

    @Test
    void givenAHoldThatRanOut_whenCheckedReleasedAndFollowedUp_thenTheRegistrationExpiresAndItsSeatIsFree() throws Exception {
        UUID[] r = pendingRegistration("now() - interval '1 minute'");

        assertThat(step("check", r)).containsEntry("status", "hold-expired");
        assertThat(step("release-hold", r)).containsEntry("status", "ended");
        assertThat(step("follow-up", r)).containsEntry("status", "ended");
        assertThat(step("release-hold", r)).as("a second release changes nothing").containsEntry("status", "ended");

        try (Connection c = db.owner().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT r.status::text, t.quantity_held FROM registrations r"
                     + " JOIN ticket_types t ON t.event_id = r.event_id WHERE r.id = ?")) {
            ps.setObject(1, r[1]);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("expired");
                assertThat(rs.getInt(2)).isZero();
            }
        }
    }

    @Test
    void givenAConfirmedRegistration_whenChecked_thenItIsSettled() throws Exception {
        UUID[] r = pendingRegistration("now() + interval '15 minutes'");
        try (Connection c = db.owner().getConnection()) {
            exec(c, "UPDATE registrations SET status = 'confirmed', confirmed_at = now() WHERE id = ?", r[1]);
        }

        assertThat(step("check", r)).containsEntry("status", "settled");
    }

    @Test
    void anUnknownStepOrAMissingIdFailsTheTask() throws Exception {
        UUID[] r = pendingRegistration("now() + interval '15 minutes'");

        assertThatThrownBy(() -> step("pay", r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> function.handleRequest(Map.of("step", "check", "orgId", r[0].toString()), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registrationId");
    }

    private static Map<String, Object> step(String step, UUID[] registration) {
        return function.handleRequest(Map.of("step", step, "orgId", registration[0].toString(),
                "registrationId", registration[1].toString()), null);
    }

    /** An organization with one event, one ticket type and one pending registration holding one seat. */
    private static UUID[] pendingRegistration(String holdExpiresAt) throws Exception {
        UUID org = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        UUID type = UUID.randomUUID();
        UUID registration = UUID.randomUUID();
        try (Connection c = db.owner().getConnection()) {
            exec(c, "INSERT INTO organizations (id, name, slug) VALUES (?, 'Steps', ?)", org, "steps-" + org.toString().substring(0, 8));
            exec(c, "INSERT INTO events (id, org_id, title, slug, event_type, starts_at, ends_at, time_zone, is_published, published_at)"
                    + " VALUES (?, ?, 'E', 'e', 'online', now() + interval '9 days', now() + interval '10 days', 'UTC', true, now())", event, org);
            exec(c, "INSERT INTO ticket_types (id, org_id, event_id, name, price_minor, currency, capacity, quantity_held)"
                    + " VALUES (?, ?, ?, 'T', 1000, 'EUR', 5, 1)", type, org, event);
            exec(c, "INSERT INTO registrations (id, org_id, event_id, currency, status, subtotal_minor, total_minor, hold_expires_at,"
                    + " attendee_info) VALUES (?, ?, ?, 'EUR', 'pending', 1000, 1000, " + holdExpiresAt + ","
                    + " '{\"name\": \"N\", \"email\": \"n@example.com\"}')", registration, org, event);
            exec(c, "INSERT INTO tickets (org_id, registration_id, ticket_type_id, ticket_code, price_minor)"
                    + " VALUES (?, ?, ?, ?, 1000)", org, registration, type, "STEP" + registration.toString().substring(0, 8));
        }
        return new UUID[] {org, registration};
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
