package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrationApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Owen");
    final Principal ann = TestTokens.newUser("Ann");
    String orgId;

    @BeforeEach
    void anOrganization() {
        orgId = createOrg(owner);
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void givenAFreeTicket_whenRegistering_thenConfirmedAtOnce_withIssuedTicketsAndAConfirmationNumber() {
        String[] e = publishedEvent(owner, orgId, 0, 10);

        Response r = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Ann Attendee")));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("status").asText()).isEqualTo("confirmed");
        assertThat(r.body().get("confirmationNumber").asText()).matches("REG-\\d{8}-[2-9A-HJKMNP-Z]{6}");
        assertThat(r.body().get("totalMinor").asLong()).isZero();
        assertThat(r.body().get("holdExpiresAt").isNull()).isTrue();
        JsonNode ticket = r.body().get("tickets").get(0);
        assertThat(ticket.get("status").asText()).isEqualTo("issued");
        assertThat(ticket.get("attendeeName").asText()).isEqualTo("Ann Attendee");
        assertThat(ticket.get("attendeeEmail").asText()).isEqualTo(ann.email());
        assertThat(ticket.get("ticketCode").asText()).hasSize(20);
        assertThat(soldAndHeld(e[1])).containsExactly(1, 0);
        assertThat(count("SELECT count(*) FROM outbox_messages WHERE topic = 'registration.confirmed' AND payload ->> 'registrationId' = ?",
                r.body().get("id").asText())).isEqualTo(1);
    }

    @Test
    void givenAPaidTicket_whenRegistering_thenPendingWithAHoldForTheEventsHoldTime() {
        String[] e = publishedEvent(owner, orgId, 2500, 10);
        call(as(owner, UPDATE_REGISTRATION_SETTINGS).path("orgId", orgId).path("eventId", e[0]).json("{\"holdMinutes\": 20}"));
        Instant before = Instant.now();

        Response r = call(as(ann, REGISTER).path("eventId", e[0]).json("""
                {"tickets": [{"ticketTypeId": "%1$s", "attendeeName": "Ann"}, {"ticketTypeId": "%1$s", "attendeeName": "Ben",
                  "attendeeEmail": "ben@example.com"}]}""".formatted(e[1])));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("status").asText()).isEqualTo("pending");
        assertThat(r.body().get("subtotalMinor").asLong()).isEqualTo(5000);
        assertThat(r.body().get("totalMinor").asLong()).isEqualTo(5000);
        assertThat(r.body().get("currency").asText()).isEqualTo("EUR");
        assertThat(Instant.parse(r.body().get("holdExpiresAt").asText()))
                .isBetween(before.plus(Duration.ofMinutes(20)), Instant.now().plus(Duration.ofMinutes(20)));
        assertThat(r.body().get("tickets").findValuesAsText("status")).containsOnly("reserved");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 2);
    }

    @Test
    void givenBadInput_whenRegistering_thenAClearProblem_andNothingChanges() {
        String[] e = publishedEvent(owner, orgId, 1000, 10);
        call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", e[0]).path("ticketTypeId", e[1])
                .json("{\"restrictions\": {\"maxPerOrder\": 2}}"));
        StringBuilder tooMany = new StringBuilder("{\"tickets\": [");
        for (int i = 0; i < 51; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"ticketTypeId\": \"").append(e[1]).append("\", \"attendeeName\": \"X\"}");
        }
        tooMany.append("]}");

        Response unknownType = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(UUID.randomUUID().toString(), "A")));
        Response none = call(as(ann, REGISTER).path("eventId", e[0]).json("{\"tickets\": []}"));
        Response huge = call(as(ann, REGISTER).path("eventId", e[0]).json(tooMany.toString()));
        Response overMax = call(as(ann, REGISTER).path("eventId", e[0]).json("""
                {"tickets": [{"ticketTypeId": "%1$s", "attendeeName": "A"}, {"ticketTypeId": "%1$s", "attendeeName": "B"},
                  {"ticketTypeId": "%1$s", "attendeeName": "C"}]}""".formatted(e[1])));
        Response noName = call(as(ann, REGISTER).path("eventId", e[0]).json(
                "{\"tickets\": [{\"ticketTypeId\": \"" + e[1] + "\"}]}"));
        Response unknownEvent = call(as(ann, REGISTER).path("eventId", UUID.randomUUID()).json(oneTicket(e[1], "A")));

        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(unknownType.body().get("errors").get(0).get("field").asText()).isEqualTo("tickets[0].ticketTypeId");
        assertThat(none.status()).isEqualTo(422);
        assertThat(huge.status()).isEqualTo(422);
        assertThat(overMax.status()).isEqualTo(422);
        assertThat(overMax.body().get("errors").get(0).get("message").asText()).contains("at most 2");
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.body().get("errors").get(0).get("field").asText()).isEqualTo("tickets[0].attendeeName");
        assertThat(unknownEvent.status()).isEqualTo(404);
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);
        assertThat(call(as(ann, LIST_MY_REGISTRATIONS)).body().get("items")).isEmpty();
    }

    @Test
    void givenClosedSaleWindowsOrADraft_whenRegistering_thenConflictsOrNotFound() {
        String[] e = publishedEvent(owner, orgId, 0, 10);
        call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", e[0]).path("ticketTypeId", e[1])
                .json("{\"saleStartsAt\": \"2020-01-01T00:00:00Z\", \"saleEndsAt\": \"2020-02-01T00:00:00Z\"}"));
        Response ended = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "A")));
        call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", e[0]).path("ticketTypeId", e[1])
                .json("{\"saleStartsAt\": \"2099-01-01T00:00:00Z\", \"saleEndsAt\": \"2099-02-01T00:00:00Z\"}"));
        Response notYet = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "A")));
        call(as(owner, DEACTIVATE_TICKET_TYPE).path("orgId", orgId).path("eventId", e[0]).path("ticketTypeId", e[1]));
        Response inactive = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "A")));
        String draft = createEvent(owner, orgId);
        String draftType = createTicketType(owner, orgId, draft, "General", 0, 5);
        Response unpublished = call(as(ann, REGISTER).path("eventId", draft).json(oneTicket(draftType, "A")));

        assertThat(ended.code()).isEqualTo("sale_ended");
        assertThat(ended.status()).isEqualTo(409);
        assertThat(notYet.code()).isEqualTo("sale_not_started");
        assertThat(inactive.code()).isEqualTo("ticket_type_unavailable");
        assertThat(unpublished.status()).isEqualTo(404);
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);
    }

    @Test
    void givenQuestions_whenAnswersAreMissingOrWrong_thenEachIsNamed_andRightAnswersAreKeptOnTheTicket() {
        String eventId = createEvent(owner, orgId);
        String general = createTicketType(owner, orgId, eventId, "General", 0, 10);
        String vip = createTicketType(owner, orgId, eventId, "VIP", 0, 10);
        String size = question(eventId, "{\"label\": \"T-shirt\", \"kind\": \"choice\", \"options\": [\"S\", \"M\", \"L\"], \"required\": true}");
        String talks = question(eventId, "{\"label\": \"Tracks\", \"kind\": \"multi_choice\", \"options\": [\"Java\", \"Ops\"]}");
        String terms = question(eventId, "{\"label\": \"I accept the terms\", \"kind\": \"checkbox\", \"required\": true}");
        String vipOnly = question(eventId, "{\"label\": \"Dinner guest\", \"kind\": \"text\", \"required\": true, \"ticketTypeIds\": [\"" + vip + "\"]}");
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));

        Response wrong = call(as(ann, REGISTER).path("eventId", eventId).json("""
                {"tickets": [{"ticketTypeId": "%s", "attendeeName": "Ann", "answers": {"%s": "XXL", "%s": ["Java", "Cooking"],
                  "%s": false, "%s": "not asked of general tickets"}}]}""".formatted(general, size, talks, terms, vipOnly)));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "tickets[0].answers." + size, "tickets[0].answers." + talks, "tickets[0].answers." + terms,
                "tickets[0].answers." + vipOnly);

        Response missing = call(as(ann, REGISTER).path("eventId", eventId).json("""
                {"tickets": [{"ticketTypeId": "%s", "attendeeName": "Ann"}]}""".formatted(vip)));
        assertThat(missing.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "tickets[0].answers." + size, "tickets[0].answers." + terms, "tickets[0].answers." + vipOnly);

        Response ok = call(as(ann, REGISTER).path("eventId", eventId).json("""
                {"tickets": [{"ticketTypeId": "%s", "attendeeName": "Ann", "answers": {"%s": "M", "%s": ["Ops"], "%s": true,
                  "%s": "Sam"}}]}""".formatted(vip, size, talks, terms, vipOnly)));
        assertThat(ok.status()).isEqualTo(201);
        String registrationId = ok.body().get("id").asText();
        JsonNode seen = call(as(owner, GET_REGISTRATION).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId)).body();
        assertThat(seen.get("tickets").get(0).get("answers").get(size).asText()).isEqualTo("M");
        assertThat(seen.get("tickets").get(0).get("answers").get(vipOnly).asText()).isEqualTo("Sam");
        assertThat(soldAndHeld(general)).containsExactly(0, 0);
    }

    @Test
    void givenTwoTicketTypesOneSoldOut_whenOrderingBoth_thenNothingIsTaken() {
        String eventId = createEvent(owner, orgId);
        String plenty = createTicketType(owner, orgId, eventId, "Plenty", 1000, 100);
        String scarce = createTicketType(owner, orgId, eventId, "Scarce", 1000, 1);
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        call(as(TestTokens.newUser("Early"), REGISTER).path("eventId", eventId).json(oneTicket(scarce, "Early")));

        Response r = call(as(ann, REGISTER).path("eventId", eventId).json("""
                {"tickets": [{"ticketTypeId": "%s", "attendeeName": "A"}, {"ticketTypeId": "%s", "attendeeName": "B"}]}"""
                .formatted(plenty, scarce)));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("sold_out");
        assertThat(r.body().get("detail").asText()).contains("Scarce");
        assertThat(soldAndHeld(plenty)).containsExactly(0, 0);
        assertThat(soldAndHeld(scarce)).containsExactly(0, 1);
    }

    @Test
    void givenAnEventCapacity_thenSeatsAcrossTicketTypesStopAtIt() {
        String eventId = createEvent(owner, orgId);
        String a = createTicketType(owner, orgId, eventId, "A", 0, 10);
        String b = createTicketType(owner, orgId, eventId, "B", 0, 10);
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        Response settings = call(as(owner, UPDATE_REGISTRATION_SETTINGS).path("orgId", orgId).path("eventId", eventId)
                .json("{\"capacity\": 3}"));
        assertThat(settings.body().get("capacity").asInt()).isEqualTo(3);

        assertThat(call(as(ann, REGISTER).path("eventId", eventId).json("""
                {"tickets": [{"ticketTypeId": "%s", "attendeeName": "A"}, {"ticketTypeId": "%s", "attendeeName": "B"}]}"""
                .formatted(a, b))).status()).isEqualTo(201);
        assertThat(call(as(TestTokens.newUser("Two"), REGISTER).path("eventId", eventId).json(oneTicket(b, "C"))).status())
                .isEqualTo(201);
        Response full = call(as(TestTokens.newUser("Three"), REGISTER).path("eventId", eventId).json(oneTicket(a, "D")));

        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("event_full");
        assertThat(soldAndHeld(a)).containsExactly(1, 0);
        Response lower = call(as(owner, UPDATE_REGISTRATION_SETTINGS).path("orgId", orgId).path("eventId", eventId)
                .json("{\"capacity\": 2}"));
        assertThat(lower.status()).isEqualTo(422);
    }

    @Test
    void givenAnIdempotencyKey_whenTheSameRequestIsRetried_thenTheFirstRegistrationIsReturned_andNothingIsTakenTwice() {
        String[] e = publishedEvent(owner, orgId, 1500, 10);
        var call = as(ann, REGISTER).path("eventId", e[0]).header("Idempotency-Key", "checkout-42").json(oneTicket(e[1], "Ann"));

        Response first = call(call);
        Response retry = call(call);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).as("the answer to a retry is the first answer, as stored").isEqualTo(first.body());
        assertThat(soldAndHeld(e[1])).containsExactly(0, 1);
    }

    @Test
    void givenAPendingRegistration_whenItsHoldExpires_thenTheSeatGoesBack_andALaterBuyerGetsIt() {
        String[] e = publishedEvent(owner, orgId, 1500, 1);
        String pending = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Ann"))).body().get("id").asText();
        Principal late = TestTokens.newUser("Late");
        assertThat(call(as(late, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Late"))).code()).isEqualTo("sold_out");

        clock.advance(Duration.ofMinutes(16));
        var result = services.expireHolds.run();

        assertThat(result.holdsExpired()).isGreaterThanOrEqualTo(1);
        JsonNode expired = call(as(ann, GET_MY_REGISTRATION).path("registrationId", pending)).body();
        assertThat(expired.get("status").asText()).isEqualTo("expired");
        assertThat(expired.get("tickets").findValuesAsText("status")).containsOnly("cancelled");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);
        Response cancelExpired = call(as(ann, CANCEL_MY_REGISTRATION).path("registrationId", pending));
        assertThat(cancelExpired.status()).isEqualTo(409);
        assertThat(cancelExpired.code()).isEqualTo("registration_expired");
        assertThat(call(as(late, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Late"))).status()).isEqualTo(201);
    }

    @Test
    void givenCancellations_thenSeatsGoBack_andAttendeesNeedTheOrganizersPermission() {
        String[] e = publishedEvent(owner, orgId, 0, 5);
        String free = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Ann"))).body().get("id").asText();

        Response refused = call(as(ann, CANCEL_MY_REGISTRATION).path("registrationId", free));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("cancellation_not_allowed");
        call(as(owner, UPDATE_REGISTRATION_SETTINGS).path("orgId", orgId).path("eventId", e[0]).json("{\"attendeeCancellation\": true}"));
        Response cancelled = call(as(ann, CANCEL_MY_REGISTRATION).path("registrationId", free));
        assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);

        Principal bo = TestTokens.newUser("Bo");
        String bos = call(as(bo, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Bo"))).body().get("id").asText();
        Response byOrganizer = call(as(owner, CANCEL_REGISTRATION).path("orgId", orgId).path("eventId", e[0]).path("registrationId", bos));
        assertThat(byOrganizer.body().get("status").asText()).isEqualTo("cancelled");
        Response twice = call(as(owner, CANCEL_REGISTRATION).path("orgId", orgId).path("eventId", e[0]).path("registrationId", bos));
        assertThat(twice.code()).isEqualTo("registration_cancelled");
        assertThat(soldAndHeld(e[1])).containsExactly(0, 0);
    }

    @Test
    void givenRegistrationsOfTwoPeople_thenEachSeesOnlyTheirOwn_andTheOrganizerSeesAllWithFilters() {
        String[] e = publishedEvent(owner, orgId, 0, 50);
        Principal bo = TestTokens.newUser("Bo");
        String anns = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Ann Smith"))).body().get("id").asText();
        call(as(bo, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Bo Jones")));
        for (int i = 0; i < 3; i++) {
            call(as(TestTokens.newUser("Extra" + i), REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Extra " + i)));
        }

        assertThat(call(as(ann, LIST_MY_REGISTRATIONS)).body().get("items").findParents("confirmationNumber").stream().map(n -> n.get("id").asText()).toList()).containsExactly(anns);
        assertThat(call(as(bo, GET_MY_REGISTRATION).path("registrationId", anns)).status()).isEqualTo(404);
        assertThat(call(as(bo, CANCEL_MY_REGISTRATION).path("registrationId", anns)).status()).isEqualTo(404);

        JsonNode all = call(as(owner, LIST_REGISTRATIONS).path("orgId", orgId).path("eventId", e[0])).body();
        assertThat(all.get("items")).hasSize(5);
        JsonNode found = call(as(owner, LIST_REGISTRATIONS).path("orgId", orgId).path("eventId", e[0]).query("q", "smith")).body();
        assertThat(found.get("items").findParents("confirmationNumber").stream().map(n -> n.get("id").asText()).toList()).containsExactly(anns);
        String confirmation = found.get("items").get(0).get("confirmationNumber").asText();
        assertThat(call(as(owner, LIST_REGISTRATIONS).path("orgId", orgId).path("eventId", e[0]).query("q", confirmation.toLowerCase()))
                .body().get("items").findParents("confirmationNumber").stream().map(n -> n.get("id").asText()).toList()).containsExactly(anns);
        assertThat(call(as(owner, LIST_REGISTRATIONS).path("orgId", orgId).path("eventId", e[0]).query("status", "pending"))
                .body().get("items")).isEmpty();

        JsonNode page1 = call(as(owner, LIST_REGISTRATIONS).path("orgId", orgId).path("eventId", e[0]).query("limit", 3)).body();
        JsonNode page2 = call(as(owner, LIST_REGISTRATIONS).path("orgId", orgId).path("eventId", e[0]).query("limit", 3)
                .query("cursor", page1.get("nextCursor").asText())).body();
        assertThat(page1.get("items")).hasSize(3);
        assertThat(page2.get("items")).hasSize(2);
        assertThat(page2.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void givenStaff_thenTheyCanListRegistrationsButNotCancelThem() {
        String[] e = publishedEvent(owner, orgId, 0, 5);
        String id = call(as(ann, REGISTER).path("eventId", e[0]).json(oneTicket(e[1], "Ann"))).body().get("id").asText();
        Principal staff = TestTokens.newUser("Stu");
        addMember(orgId, staff, "staff");

        assertThat(call(as(staff, LIST_REGISTRATIONS).path("orgId", orgId).path("eventId", e[0])).status()).isEqualTo(200);
        assertThat(call(as(staff, CANCEL_REGISTRATION).path("orgId", orgId).path("eventId", e[0]).path("registrationId", id))
                .status()).isEqualTo(403);
        assertThat(call(as(staff, LIST_PROMO_CODES).path("orgId", orgId).path("eventId", e[0])).status()).isEqualTo(403);
    }

    private String question(String eventId, String json) {
        Response r = call(as(owner, CREATE_QUESTION).path("orgId", orgId).path("eventId", eventId).json(json));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("id").asText();
    }
}
