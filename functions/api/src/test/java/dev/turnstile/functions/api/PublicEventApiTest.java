package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.identity.Principal;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublicEventApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Pia");
    String orgId;
    String orgSlug;

    @BeforeEach
    void anOrganization() {
        orgSlug = uniqueSlug("public");
        orgId = call(as(owner, CREATE_ORGANIZATION).json("{\"name\": \"Public Org\", \"slug\": \"" + orgSlug + "\"}"))
                .body().get("id").asText();
        call(as(owner, UPDATE_BRANDING).path("orgId", orgId).json("{\"logoUrl\": \"https://cdn.example.com/l.png\", \"colors\": {\"primary\": \"#ff0000\"}}"));
    }

    @Test
    void givenAPublishedEvent_whenReadWithoutToken_thenThePublicViewShowsIt_withoutHiddenTicketTypes() {
        String slug = uniqueSlug("launch");
        String eventId = createEvent(owner, orgId, slug, Instant.now().plus(Duration.ofDays(5)));
        createTicketType(owner, orgId, eventId, "General", 1500, 100);
        call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": "Secret", "priceMinor": 0, "currency": "EUR", "capacity": 5, "hidden": true}"""));
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));

        Response r = call(ApiCall.to(GET_PUBLIC_EVENT).path("orgSlug", orgSlug).path("eventSlug", slug));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=60");
        assertThat(r.body().get("title").asText()).isEqualTo("DevConf");
        assertThat(r.body().get("organizer").get("name").asText()).isEqualTo("Public Org");
        assertThat(r.body().get("organizer").get("colors").get("primary").asText()).isEqualTo("#ff0000");
        assertThat(r.body().get("ticketTypes").findValuesAsText("name")).containsExactly("General");
        assertThat(r.body().get("ticketTypes").get(0).get("available").asInt()).isEqualTo(100);
        assertThat(r.body().has("orgId")).isFalse();
        assertThat(call(ApiCall.to(LIST_PUBLIC_EVENTS).path("orgSlug", orgSlug)).body().get("items")
                .findValuesAsText("slug")).containsExactly(slug);
    }

    @Test
    void givenDraftsArchivedAndPrivateEvents_thenThePublicSeesOnlyWhatItShould() {
        String draft = uniqueSlug("draft");
        createEvent(owner, orgId, draft, Instant.now().plus(Duration.ofDays(5)));
        String archived = uniqueSlug("archived");
        String archivedId = publishedEvent(archived);
        call(as(owner, ARCHIVE_EVENT).path("orgId", orgId).path("eventId", archivedId));
        String secret = uniqueSlug("private");
        String secretId = publishedEvent(secret);
        call(as(owner, UPDATE_EVENT).path("orgId", orgId).path("eventId", secretId).json("{\"visibility\": \"private\"}"));

        assertThat(call(ApiCall.to(GET_PUBLIC_EVENT).path("orgSlug", orgSlug).path("eventSlug", draft)).status()).isEqualTo(404);
        assertThat(call(ApiCall.to(GET_PUBLIC_EVENT).path("orgSlug", orgSlug).path("eventSlug", archived)).status()).isEqualTo(404);
        assertThat(call(ApiCall.to(GET_PUBLIC_EVENT).path("orgSlug", orgSlug).path("eventSlug", secret)).status()).isEqualTo(200);
        assertThat(call(ApiCall.to(LIST_PUBLIC_EVENTS).path("orgSlug", orgSlug)).body().get("items")).isEmpty();
        assertThat(call(ApiCall.to(LIST_PUBLIC_EVENTS).path("orgSlug", "no-such-org")).status()).isEqualTo(404);
    }

    @Test
    void givenAPublishedEvent_thenItsRegistrationFormListsOfferedTypesAndQuestions_withoutHiddenTypes() {
        String eventId = createEvent(owner, orgId, uniqueSlug("form"), Instant.now().plus(Duration.ofDays(5)));
        createTicketType(owner, orgId, eventId, "General", 1500, 100);
        call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": "Secret", "priceMinor": 0, "currency": "EUR", "capacity": 5, "hidden": true}"""));
        call(as(owner, CREATE_QUESTION).path("orgId", orgId).path("eventId", eventId)
                .json("{\"label\": \"Diet\", \"kind\": \"choice\", \"options\": [\"vegan\", \"any\"], \"required\": true}"));
        assertThat(call(ApiCall.to(GET_REGISTRATION_FORM).path("eventId", eventId)).status()).isEqualTo(404);
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));

        Response form = call(ApiCall.to(GET_REGISTRATION_FORM).path("eventId", eventId));

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body().get("ticketTypes").findValuesAsText("name")).containsExactly("General");
        assertThat(form.body().get("questions").get(0).get("options").get(0).asText()).isEqualTo("vegan");
        assertThat(form.body().get("holdMinutes").asInt()).isEqualTo(15);
    }

    private String publishedEvent(String slug) {
        String eventId = createEvent(owner, orgId, slug, Instant.now().plus(Duration.ofDays(6)));
        createTicketType(owner, orgId, eventId, "General", 0, 10);
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        return eventId;
    }
}
