package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitlistApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Wanda");
    final Principal ann = TestTokens.newUser("Ann");
    final Principal ben = TestTokens.newUser("Ben");
    final Principal cat = TestTokens.newUser("Cat");
    String orgId;
    String eventId;
    String typeId;

    @BeforeEach
    void aSoldOutEvent() {
        orgId = createOrg(owner);
        String[] e = publishedEvent(owner, orgId, 1500, 1);
        eventId = e[0];
        typeId = e[1];
        call(as(owner, UPDATE_REGISTRATION_SETTINGS).path("orgId", orgId).path("eventId", eventId)
                .json("{\"holdMinutes\": 10, \"waitlistOfferMinutes\": 30}"));
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void givenSeatsLeft_whenJoiningTheWaitlist_thenToldToRegisterInstead() {
        Response r = call(as(ann, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("tickets_available");
    }

    @Test
    void givenASoldOutType_whenASeatFreesUp_thenTheFirstInLineIsOfferedIt_andCanRegisterThroughTheOffer() {
        String annsHold = call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann"))).body().get("id").asText();

        Response benJoins = call(as(ben, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"));
        Response catJoins = call(as(cat, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"));
        Response again = call(as(ben, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"));
        assertThat(benJoins.status()).isEqualTo(201);
        assertThat(benJoins.body().get("ahead").asInt()).isZero();
        assertThat(catJoins.body().get("ahead").asInt()).isEqualTo(1);
        assertThat(again.code()).isEqualTo("already_waiting");
        String bensEntry = benJoins.body().get("entry").get("id").asText();

        // Ann's hold runs out: the seat goes to Ben, the first in line, not back on open sale
        clock.advance(Duration.ofMinutes(11));
        services.expireHolds.run();
        assertThat(call(as(ann, GET_MY_REGISTRATION).path("registrationId", annsHold)).body().get("status").asText())
                .isEqualTo("expired");
        JsonNode bens = call(as(ben, LIST_MY_WAITLIST)).body().get("items").get(0);
        assertThat(bens.get("status").asText()).isEqualTo("offered");
        assertThat(soldAndHeld(typeId)).containsExactly(0, 1);
        assertThat(call(as(TestTokens.newUser("Dan"), REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Dan"))).code())
                .isEqualTo("sold_out");
        assertThat(count("SELECT count(*) FROM outbox_messages WHERE topic = 'waitlist.offered' AND payload ->> 'entryId' = ?",
                bensEntry)).isEqualTo(1);

        Response bensRegistration = call(as(ben, REGISTER).path("eventId", eventId).json(
                "{\"waitlistEntryId\": \"" + bensEntry + "\", \"tickets\": [{\"ticketTypeId\": \"" + typeId + "\", \"attendeeName\": \"Ben\"}]}"));
        assertThat(bensRegistration.status()).isEqualTo(201);
        assertThat(soldAndHeld(typeId)).containsExactly(0, 1);
        assertThat(call(as(ben, LIST_MY_WAITLIST)).body().get("items").get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(call(as(cat, LIST_MY_WAITLIST)).body().get("items").get(0).get("status").asText()).isEqualTo("waiting");
    }

    @Test
    void givenAnOfferNobodyTakes_whenItExpires_thenTheNextInLineGetsIt() {
        call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann")));
        call(as(ben, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"));
        call(as(cat, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"));

        clock.advance(Duration.ofMinutes(11));
        services.expireHolds.run();
        clock.advance(Duration.ofMinutes(31));
        var result = services.expireHolds.run();

        assertThat(result.offersExpired()).isGreaterThanOrEqualTo(1);
        assertThat(call(as(ben, LIST_MY_WAITLIST)).body().get("items").get(0).get("status").asText()).isEqualTo("expired");
        assertThat(call(as(cat, LIST_MY_WAITLIST)).body().get("items").get(0).get("status").asText()).isEqualTo("offered");
        assertThat(soldAndHeld(typeId)).containsExactly(0, 1);
        JsonNode line = call(as(owner, LIST_WAITLIST).path("orgId", orgId).path("eventId", eventId)).body().get("items");
        assertThat(line.findValuesAsText("status")).containsExactly("expired", "offered");
    }

    @Test
    void givenMoreSeatsAppear_whenTheSweeperRuns_thenThoseWaitingAreOffered() {
        call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann")));
        call(as(ben, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\", \"quantity\": 2}"));

        call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).path("ticketTypeId", typeId)
                .json("{\"capacity\": 3}"));
        services.expireHolds.run();

        assertThat(call(as(ben, LIST_MY_WAITLIST)).body().get("items").get(0).get("status").asText()).isEqualTo("offered");
        assertThat(soldAndHeld(typeId)).containsExactly(0, 3);
    }

    @Test
    void givenAnOfferForTwo_whenOnlyOneIsTaken_thenTheOtherSeatGoesToTheNextInLine() {
        call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).path("ticketTypeId", typeId)
                .json("{\"capacity\": 2}"));
        String annsHold = call(as(ann, REGISTER).path("eventId", eventId).json("""
                {"tickets": [{"ticketTypeId": "%1$s", "attendeeName": "A"}, {"ticketTypeId": "%1$s", "attendeeName": "B"}]}"""
                .formatted(typeId))).body().get("id").asText();
        String bensEntry = call(as(ben, JOIN_WAITLIST).path("eventId", eventId)
                .json("{\"ticketTypeId\": \"" + typeId + "\", \"quantity\": 2}")).body().get("entry").get("id").asText();
        call(as(cat, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"));
        call(as(ann, CANCEL_MY_REGISTRATION).path("registrationId", annsHold));

        Response one = call(as(ben, REGISTER).path("eventId", eventId).json(
                "{\"waitlistEntryId\": \"" + bensEntry + "\", \"tickets\": [{\"ticketTypeId\": \"" + typeId + "\", \"attendeeName\": \"Ben\"}]}"));

        assertThat(one.status()).isEqualTo(201);
        assertThat(call(as(cat, LIST_MY_WAITLIST)).body().get("items").get(0).get("status").asText()).isEqualTo("offered");
        assertThat(soldAndHeld(typeId)).containsExactly(0, 2);
    }

    @Test
    void givenAFullEventButFreeTypeSeats_whenJoiningTheWaitlist_thenItIsAllowed() {
        String other = createTicketType(owner, orgId, eventId, "Other", 1500, 10);
        call(as(owner, UPDATE_REGISTRATION_SETTINGS).path("orgId", orgId).path("eventId", eventId).json("{\"capacity\": 1}"));
        call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann")));

        assertThat(call(as(ben, REGISTER).path("eventId", eventId).json(oneTicket(other, "Ben"))).code()).isEqualTo("event_full");
        assertThat(call(as(ben, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + other + "\"}"))
                .status()).isEqualTo(201);
    }

    @Test
    void givenSomeoneLeavesWithAnOpenOffer_thenTheSeatMovesOnToTheNext() {
        call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann")));
        String bensEntry = call(as(ben, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"))
                .body().get("entry").get("id").asText();
        call(as(cat, JOIN_WAITLIST).path("eventId", eventId).json("{\"ticketTypeId\": \"" + typeId + "\"}"));
        clock.advance(Duration.ofMinutes(11));
        services.expireHolds.run();

        assertThat(call(as(cat, LEAVE_WAITLIST).path("entryId", bensEntry)).status()).isEqualTo(404);
        assertThat(call(as(ben, LEAVE_WAITLIST).path("entryId", bensEntry)).status()).isEqualTo(204);

        assertThat(call(as(cat, LIST_MY_WAITLIST)).body().get("items").get(0).get("status").asText()).isEqualTo("offered");
        assertThat(soldAndHeld(typeId)).containsExactly(0, 1);
    }
}
