package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Omar");
    String orgId;
    String eventId;

    @BeforeEach
    void anEventOnTwoDays() {
        orgId = createOrg(owner);
        eventId = createEvent(owner, orgId, uniqueSlug("conf"), Instant.parse("2032-06-01T08:00:00Z"));
    }

    @Test
    void givenASessionInsideTheEvent_whenCreatedAndUpdated_thenFieldsAreKept() {
        Response created = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Workshop: Loom", "room": "B2", "startsAt": "2032-06-01T13:00:00Z",
                 "endsAt": "2032-06-01T15:00:00Z", "capacity": 30, "tags": ["hands-on"],
                 "attachments": [{"name": "Slides", "url": "https://files.example.com/loom.pdf"}]}"""));
        assertThat(created.status()).isEqualTo(201);
        String sessionId = created.body().get("id").asText();
        assertThat(created.body().get("status").asText()).isEqualTo("scheduled");
        assertThat(created.body().get("capacity").asInt()).isEqualTo(30);

        Response updated = call(as(owner, UPDATE_SESSION).path("orgId", orgId).path("eventId", eventId)
                .path("sessionId", sessionId).json("{\"room\": \"Main hall\", \"capacity\": 300}"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("room").asText()).isEqualTo("Main hall");
        assertThat(updated.body().get("title").asText()).isEqualTo("Workshop: Loom");
        assertThat(updated.body().get("attachments").get(0).get("name").asText()).isEqualTo("Slides");
    }

    @Test
    void givenTimesOutsideTheEventOrBadCapacity_whenCreatingASession_thenUnprocessable() {
        Response r = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Too early", "startsAt": "2032-05-31T08:00:00Z", "endsAt": "2032-06-04T09:00:00Z",
                 "capacity": 0}"""));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("startsAt", "endsAt", "capacity");
        assertThat(call(as(owner, LIST_SESSIONS).path("orgId", orgId).path("eventId", eventId)).body().get("items")).isEmpty();
    }

    @Test
    void givenACancelledSession_thenItStaysListedAsCancelled_andCannotBeEdited() {
        String sessionId = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Panel", "startsAt": "2032-06-02T10:00:00Z", "endsAt": "2032-06-02T11:00:00Z"}"""))
                .body().get("id").asText();

        Response cancelled = call(as(owner, CANCEL_SESSION).path("orgId", orgId).path("eventId", eventId).path("sessionId", sessionId));
        assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.body().get("cancelledAt").isNull()).isFalse();
        Response edit = call(as(owner, UPDATE_SESSION).path("orgId", orgId).path("eventId", eventId)
                .path("sessionId", sessionId).json("{\"title\": \"Revived\"}"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.code()).isEqualTo("session_cancelled");
        assertThat(call(as(owner, LIST_SESSIONS).path("orgId", orgId).path("eventId", eventId)).body().get("items").get(0)
                .get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void givenSpeakers_whenAssignedToASession_thenTheSessionListsThem_andDeletingOneRemovesIt() {
        String ada = call(as(owner, CREATE_SPEAKER).path("orgId", orgId).json("""
                {"name": "Ada Lovelace", "title": "Analyst", "bio": "First programmer",
                 "photoUrl": "https://img.example.com/ada.jpg", "email": "ada@example.com",
                 "socialLinks": {"mastodon": "https://mastodon.example/@ada"}}""")).body().get("id").asText();
        String alan = call(as(owner, CREATE_SPEAKER).path("orgId", orgId).json("{\"name\": \"Alan Turing\"}"))
                .body().get("id").asText();
        String sessionId = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "History", "startsAt": "2032-06-01T09:00:00Z", "endsAt": "2032-06-01T10:00:00Z"}"""))
                .body().get("id").asText();

        Response set = call(as(owner, SET_SESSION_SPEAKERS).path("orgId", orgId).path("eventId", eventId)
                .path("sessionId", sessionId).json("""
                        {"speakers": [{"speakerId": "%s", "role": "moderator"}, {"speakerId": "%s"}]}""".formatted(ada, alan)));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().get("speakers").findValuesAsText("name")).containsExactly("Ada Lovelace", "Alan Turing");
        assertThat(set.body().get("speakers").findValuesAsText("role")).containsExactly("moderator", "speaker");
        // billing order is the order given, whatever the ids
        Response reversed = call(as(owner, SET_SESSION_SPEAKERS).path("orgId", orgId).path("eventId", eventId)
                .path("sessionId", sessionId).json("""
                        {"speakers": [{"speakerId": "%s"}, {"speakerId": "%s", "role": "moderator"}]}""".formatted(alan, ada)));
        assertThat(reversed.body().get("speakers").findValuesAsText("name")).containsExactly("Alan Turing", "Ada Lovelace");
        set = call(as(owner, SET_SESSION_SPEAKERS).path("orgId", orgId).path("eventId", eventId)
                .path("sessionId", sessionId).json("""
                        {"speakers": [{"speakerId": "%s", "role": "moderator"}, {"speakerId": "%s"}]}""".formatted(ada, alan)));
        assertThat(set.body().get("speakers").findValuesAsText("name")).containsExactly("Ada Lovelace", "Alan Turing");

        assertThat(call(as(owner, LIST_SPEAKERS).path("orgId", orgId).query("q", "lov")).body().get("items")
                .findValuesAsText("name")).containsExactly("Ada Lovelace");
        Response patched = call(as(owner, UPDATE_SPEAKER).path("orgId", orgId).path("speakerId", alan)
                .json("{\"bio\": \"Codebreaker\"}"));
        assertThat(patched.body().get("bio").asText()).isEqualTo("Codebreaker");

        assertThat(call(as(owner, DELETE_SPEAKER).path("orgId", orgId).path("speakerId", ada)).status()).isEqualTo(204);
        assertThat(call(as(owner, GET_SPEAKER).path("orgId", orgId).path("speakerId", ada)).status()).isEqualTo(404);
        assertThat(call(as(owner, LIST_SESSIONS).path("orgId", orgId).path("eventId", eventId)).body().get("items").get(0)
                .get("speakers").findValuesAsText("name")).containsExactly("Alan Turing");
    }

    @Test
    void givenASpeakerOfAnotherOrganization_whenAssigned_thenRefused() {
        Principal other = TestTokens.newUser("Eve");
        String otherOrg = createOrg(other);
        String foreign = call(as(other, CREATE_SPEAKER).path("orgId", otherOrg).json("{\"name\": \"Spy\"}")).body().get("id").asText();
        String sessionId = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Secrets", "startsAt": "2032-06-01T09:00:00Z", "endsAt": "2032-06-01T10:00:00Z"}"""))
                .body().get("id").asText();

        Response r = call(as(owner, SET_SESSION_SPEAKERS).path("orgId", orgId).path("eventId", eventId)
                .path("sessionId", sessionId).json("{\"speakers\": [{\"speakerId\": \"" + foreign + "\"}]}"));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("errors").get(0).get("field").asText()).isEqualTo("speakers[0].speakerId");
    }

    @Test
    void givenInvalidSpeakerFields_thenEveryBrokenRuleIsListed() {
        Response r = call(as(owner, CREATE_SPEAKER).path("orgId", orgId).json("""
                {"name": "", "photoUrl": "ftp://x", "email": "nope", "socialLinks": {"web": "not a url"}}"""));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("name", "photoUrl", "email", "socialLinks.web");
    }

    @Test
    void givenNullEntriesInLists_thenUnprocessable_notAServerError() {
        Response attachments = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Nulls", "startsAt": "2032-06-01T09:00:00Z", "endsAt": "2032-06-01T10:00:00Z",
                 "attachments": [null]}"""));
        assertThat(attachments.status()).isEqualTo(422);
        String sessionId = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Ok", "startsAt": "2032-06-01T09:00:00Z", "endsAt": "2032-06-01T10:00:00Z"}"""))
                .body().get("id").asText();
        Response speakers = call(as(owner, SET_SESSION_SPEAKERS).path("orgId", orgId).path("eventId", eventId)
                .path("sessionId", sessionId).json("{\"speakers\": [null]}"));
        assertThat(speakers.status()).isEqualTo(422);
    }

    @Test
    void givenScheduledSessions_whenTheEventMovesAwayFromThem_thenRefused() {
        call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Day two", "startsAt": "2032-06-02T09:00:00Z", "endsAt": "2032-06-02T10:00:00Z"}"""));
        Response r = call(as(owner, UPDATE_EVENT).path("orgId", orgId).path("eventId", eventId)
                .json("{\"endsAt\": \"2032-06-01T20:00:00Z\"}"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("detail").asText()).contains("Day two");
    }
}
