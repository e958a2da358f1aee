package dev.turnstile.functions.checkin;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.functions.api.ApiTestSupport;
import dev.turnstile.functions.api.RegistrationAdminFunction;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.DoorPorts;
import dev.turnstile.wiring.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The door's repair path: a process that committed a cancellation but died before refreshing the
 * check-in table (here: its refreshes are dropped) leaves a ticket that still admits; the scheduled
 * repair brings the cancellation to the door.
 */
class DoorRepairTest extends ApiTestSupport {

    /** Services whose after-commit refreshes never run: the process "died" right after each commit. */
    static final Services crashing = new Services(db.app(), tokens.verifier(),
            new DoorPorts(door.ports().state(), door.ports().events(), lostTask -> { }), clock);

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void givenACancellationWhoseRefreshWasLost_whenTheRepairRuns_thenTheDoorRefusesTheTicket() {
        Principal owner = TestTokens.newUser("Owen");
        String orgId = createOrg(owner);
        String[] event = freeEventInAnHour(owner, orgId);
        String eventId = event[0];
        String typeId = event[1];
        JsonNode registration = call(as(TestTokens.newUser("Ann"), REGISTER).path("eventId", eventId)
                .json(oneTicket(typeId, "Ann"))).body();
        String code = registration.get("tickets").get(0).get("qrCode").asText();
        var repair = new DoorRepairFunction(services);
        clock.advance(Duration.ofMinutes(1));
        repair.handleRequest(Map.of(), null); // what earlier tests left
        clock.reset();

        Response cancelled = send(new RegistrationAdminFunction(crashing), as(owner, CANCEL_REGISTRATION)
                .path("orgId", orgId).path("eventId", eventId).path("registrationId", registration.get("id").asText()));
        assertThat(cancelled.status()).isEqualTo(200);
        Response stale = scan(owner, orgId, eventId, code, "before-repair");
        int tooEarly = repair.handleRequest(Map.of(), null); // within the grace period: the normal path's turn
        clock.advance(Duration.ofMinutes(1));
        int repaired = repair.handleRequest(Map.of(), null);
        int again = repair.handleRequest(Map.of(), null);
        Response after = scan(owner, orgId, eventId, code, "after-repair");

        assertThat(stale.status()).as("the lost refresh leaves the door stale").isEqualTo(200);
        assertThat(tooEarly).isZero();
        assertThat(repaired).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(after.status()).isEqualTo(410);
        assertThat(after.code()).isEqualTo("ticket_cancelled");
    }

    @Test
    void givenRefreshesThatRan_thenTheirMessagesAreMarked_andTheRepairHasNothingToRedo() {
        Principal owner = TestTokens.newUser("Owen");
        String orgId = createOrg(owner);
        String[] event = freeEventInAnHour(owner, orgId);
        String eventId = event[0];
        String typeId = event[1];
        var repair = new DoorRepairFunction(services);
        clock.advance(Duration.ofMinutes(1));
        repair.handleRequest(Map.of(), null); // what earlier tests left
        clock.reset();

        JsonNode registration = call(as(TestTokens.newUser("Ann"), REGISTER).path("eventId", eventId)
                .json(oneTicket(typeId, "Ann"))).body();
        Response cancelled = call(as(owner, CANCEL_REGISTRATION).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registration.get("id").asText()));
        clock.advance(Duration.ofMinutes(1));
        int repaired = repair.handleRequest(Map.of(), null);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(repaired).as("the confirmation's and the cancellation's refreshes ran and marked their messages").isZero();
    }

    /** A published event starting in an hour, with a free ticket type: {eventId, ticketTypeId}. */
    private static String[] freeEventInAnHour(Principal owner, String orgId) {
        String eventId = createEvent(owner, orgId, uniqueSlug("repair"), Instant.now().plus(Duration.ofHours(1)));
        String typeId = createTicketType(owner, orgId, eventId, "Free", 0, 10);
        assertThat(call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId)).status()).isEqualTo(200);
        return new String[] {eventId, typeId};
    }

    private static Response scan(Principal who, String orgId, String eventId, String code, String scanId) {
        return call(as(who, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + code + "\", \"scanId\": \"" + scanId + "\"}"));
    }
}
