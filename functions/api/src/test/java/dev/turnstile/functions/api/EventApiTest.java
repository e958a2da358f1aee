package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Olivia");
    String orgId;

    @BeforeEach
    void anOrganization() {
        orgId = createOrg(owner);
    }

    @Test
    void givenAValidEvent_whenCreated_thenItIsADraftWithItsFields() {
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        Response r = call(as(owner, CREATE_EVENT).path("orgId", orgId).json("""
                {"title": "Summit", "slug": "summit-2027", "type": "hybrid", "visibility": "private",
                 "startsAt": "%s", "endsAt": "%s", "timeZone": "America/New_York",
                 "location": {"venue": "Javits Center", "onlineUrl": "https://stream.example.com/summit"},
                 "contact": {"email": "help@example.com"}, "customFields": {"dressCode": "casual"}}
                """.formatted(start, start.plus(Duration.ofHours(8)))));

        assertThat(r.status()).isEqualTo(201);
        JsonNode e = r.body();
        assertThat(e.get("status").asText()).isEqualTo("draft");
        assertThat(e.get("type").asText()).isEqualTo("hybrid");
        assertThat(e.get("visibility").asText()).isEqualTo("private");
        assertThat(Instant.parse(e.get("startsAt").asText())).isEqualTo(start);
        assertThat(e.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(e.get("customFields").get("dressCode").asText()).isEqualTo("casual");
        Response read = call(as(owner, GET_EVENT).path("orgId", orgId).path("eventId", e.get("id").asText()));
        assertThat(read.body()).isEqualTo(e);
    }

    @Test
    void givenBrokenRules_whenCreatingAnEvent_thenUnprocessableWithEachField_andNothingIsCreated() {
        Instant start = Instant.now().plus(Duration.ofDays(10));
        Response r = call(as(owner, CREATE_EVENT).path("orgId", orgId).json("""
                {"title": " ", "slug": "ok-slug", "type": "in_person", "startsAt": "%s", "endsAt": "%s",
                 "timeZone": "Mars/Olympus_Mons", "location": {}}
                """.formatted(start, start.minus(Duration.ofHours(1)))));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("title", "timeZone", "endsAt", "location.venue");
        assertThat(call(as(owner, LIST_EVENTS).path("orgId", orgId)).body().get("items")).isEmpty();
    }

    @Test
    void givenWrongTypes_whenCreatingAnEvent_thenBadRequestNamingTheField() {
        Response badEnum = call(as(owner, CREATE_EVENT).path("orgId", orgId).json("{\"type\": \"underwater\"}"));
        Response badInstant = call(as(owner, CREATE_EVENT).path("orgId", orgId).json("{\"startsAt\": \"tomorrow\"}"));

        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.body().get("errors").get(0).get("field").asText()).isEqualTo("type");
        assertThat(badEnum.body().get("errors").get(0).get("message").asText()).contains("in_person");
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.body().get("errors").get(0).get("field").asText()).isEqualTo("startsAt");
    }

    @Test
    void givenATakenSlug_whenCreatingOrRenaming_thenConflict() {
        String slug = uniqueSlug("dup");
        createEvent(owner, orgId, slug, Instant.now().plus(Duration.ofDays(3)));
        String other = createEvent(owner, orgId);

        Response create = call(as(owner, CREATE_EVENT).path("orgId", orgId).json("""
                {"title": "Again", "slug": "%s", "type": "online", "startsAt": "2030-01-01T10:00:00Z",
                 "endsAt": "2030-01-01T12:00:00Z", "timeZone": "UTC"}""".formatted(slug)));
        Response rename = call(as(owner, UPDATE_EVENT).path("orgId", orgId).path("eventId", other)
                .json("{\"slug\": \"" + slug + "\"}"));

        assertThat(create.status()).isEqualTo(409);
        assertThat(create.code()).isEqualTo("slug_taken");
        assertThat(rename.status()).isEqualTo(409);
    }

    @Test
    void givenAPatch_whenUpdating_thenOnlyGivenFieldsChange_andTheAuditLogHasBeforeAndAfter() throws Exception {
        String eventId = createEvent(owner, orgId);

        Response r = call(as(owner, UPDATE_EVENT).path("orgId", orgId).path("eventId", eventId)
                .json("{\"title\": \"DevConf 2027\", \"tags\": [\"jvm\"]}"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("title").asText()).isEqualTo("DevConf 2027");
        assertThat(r.body().get("tags").get(0).asText()).isEqualTo("jvm");
        assertThat(r.body().get("location").get("venue").asText()).isEqualTo("Messe Berlin");
        assertThat(r.body().get("version").asInt()).isEqualTo(2);
        try (var c = db.owner().getConnection();
             var ps = c.prepareStatement("SELECT old_data ->> 'title', new_data ->> 'title', user_id FROM audit_logs"
                     + " WHERE table_name = 'events' AND action = 'UPDATE' AND record_id = ?::uuid")) {
            ps.setString(1, eventId);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("DevConf");
                assertThat(rs.getString(2)).isEqualTo("DevConf 2027");
                assertThat(rs.getObject(3)).isEqualTo(owner.userId());
            }
        }
    }

    @Test
    void givenManyEvents_whenListingWithCursor_thenEveryEventAppearsOnceInStartOrder() {
        Instant base = Instant.now().plus(Duration.ofDays(40));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createEvent(owner, orgId, uniqueSlug("e" + i), base.plus(Duration.ofDays(i))));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var call = as(owner, LIST_EVENTS).path("orgId", orgId).query("limit", 3);
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            Response page = call(call);
            assertThat(page.status()).isEqualTo(200);
            page.body().get("items").forEach(e -> seen.add(e.get("id").asText()));
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void givenFilters_whenListing_thenOnlyMatchingEventsAreReturned() {
        Instant base = Instant.now().plus(Duration.ofDays(100));
        String early = createEvent(owner, orgId, uniqueSlug("early"), base);
        String late = createEvent(owner, orgId, uniqueSlug("late"), base.plus(Duration.ofDays(30)));
        call(as(owner, UPDATE_EVENT).path("orgId", orgId).path("eventId", late).json("{\"title\": \"Kotlin Night\"}"));

        assertThat(ids(call(as(owner, LIST_EVENTS).path("orgId", orgId).query("q", "kotlin")))).containsExactly(late);
        assertThat(ids(call(as(owner, LIST_EVENTS).path("orgId", orgId)
                .query("from", base.minusSeconds(1)).query("to", base.plus(Duration.ofDays(1)))))).containsExactly(early);
        assertThat(ids(call(as(owner, LIST_EVENTS).path("orgId", orgId).query("status", "published")))).isEmpty();
        assertThat(call(as(owner, LIST_EVENTS).path("orgId", orgId).query("limit", 0)).status()).isEqualTo(400);
        assertThat(call(as(owner, LIST_EVENTS).path("orgId", orgId).query("status", "bogus")).status()).isEqualTo(400);
        assertThat(call(as(owner, LIST_EVENTS).path("orgId", orgId).query("cursor", "garbage")).status()).isEqualTo(400);
    }

    @Test
    void givenADraft_whenPublishingWithoutTicketTypes_thenConflict_andWithOne_thenPublished() {
        String eventId = createEvent(owner, orgId);

        Response refused = call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("no_ticket_types");

        createTicketType(owner, orgId, eventId, "General", 2500, 100);
        Response published = call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().get("status").asText()).isEqualTo("published");
        assertThat(published.body().get("publishedAt").isNull()).isFalse();

        Response again = call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("version").asInt()).isEqualTo(published.body().get("version").asInt());

        Response unpublished = call(as(owner, UNPUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        assertThat(unpublished.body().get("status").asText()).isEqualTo("draft");
    }

    @Test
    void givenAnEvent_whenArchivedDeletedAndRestored_thenStatusFollows() {
        String eventId = createEvent(owner, orgId);
        createTicketType(owner, orgId, eventId, "General", 0, 10);
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));

        assertThat(status(call(as(owner, ARCHIVE_EVENT).path("orgId", orgId).path("eventId", eventId)))).isEqualTo("archived");
        assertThat(call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId)).status()).isEqualTo(409);
        assertThat(status(call(as(owner, RESTORE_EVENT).path("orgId", orgId).path("eventId", eventId)))).isEqualTo("published");

        assertThat(status(call(as(owner, DELETE_EVENT).path("orgId", orgId).path("eventId", eventId)))).isEqualTo("deleted");
        assertThat(ids(call(as(owner, LIST_EVENTS).path("orgId", orgId)))).doesNotContain(eventId);
        assertThat(ids(call(as(owner, LIST_EVENTS).path("orgId", orgId).query("status", "deleted")))).containsExactly(eventId);
        Response edit = call(as(owner, UPDATE_EVENT).path("orgId", orgId).path("eventId", eventId).json("{\"title\": \"x\"}"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.code()).isEqualTo("event_deleted");

        // a restored deleted event comes back as a draft: it went off sale when deleted
        assertThat(status(call(as(owner, RESTORE_EVENT).path("orgId", orgId).path("eventId", eventId)))).isEqualTo("draft");
    }

    @Test
    void givenAnEventWithoutRegistrations_whenHardDeleted_thenItIsGone_butWithRegistrationsItIsRefused() throws Exception {
        String gone = createEvent(owner, orgId);
        createTicketType(owner, orgId, gone, "General", 0, 10);
        assertThat(call(as(owner, DELETE_EVENT).path("orgId", orgId).path("eventId", gone).query("hard", true)).status())
                .isEqualTo(204);
        assertThat(call(as(owner, GET_EVENT).path("orgId", orgId).path("eventId", gone)).status()).isEqualTo(404);

        String kept = createEvent(owner, orgId);
        try (var c = db.owner().getConnection(); var ps = c.prepareStatement(
                "INSERT INTO registrations (org_id, event_id, currency, status) VALUES (?::uuid, ?::uuid, 'EUR', 'confirmed')")) {
            ps.setString(1, orgId);
            ps.setString(2, kept);
            ps.executeUpdate();
        }
        Response refused = call(as(owner, DELETE_EVENT).path("orgId", orgId).path("eventId", kept).query("hard", true));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("event_has_registrations");
        assertThat(call(as(owner, GET_EVENT).path("orgId", orgId).path("eventId", kept)).status()).isEqualTo(200);
    }

    @Test
    void givenAnEventWithSessionsAndTickets_whenCloned_thenACopyMovesEverythingByTheSameShift() {
        Instant start = Instant.parse("2031-03-10T09:00:00Z");
        String source = createEvent(owner, orgId, uniqueSlug("source"), start);
        String ticket = createTicketType(owner, orgId, source, "Early bird", 9900, 50);
        call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", source).path("ticketTypeId", ticket)
                .json("{\"saleEndsAt\": \"2031-03-01T00:00:00Z\"}"));
        Response speaker = call(as(owner, CREATE_SPEAKER).path("orgId", orgId).json("{\"name\": \"Grace\"}"));
        Response session = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", source).json("""
                {"title": "Keynote", "startsAt": "2031-03-10T10:00:00Z", "endsAt": "2031-03-10T11:00:00Z", "room": "A"}"""));
        call(as(owner, SET_SESSION_SPEAKERS).path("orgId", orgId).path("eventId", source)
                .path("sessionId", session.body().get("id").asText())
                .json("{\"speakers\": [{\"speakerId\": \"" + speaker.body().get("id").asText() + "\", \"role\": \"host\"}]}"));

        String slug = uniqueSlug("copy");
        Response clone = call(as(owner, CLONE_EVENT).path("orgId", orgId).path("eventId", source).json("""
                {"slug": "%s", "title": "DevConf Autumn", "startsAt": "2031-10-10T09:00:00Z", "linkSeries": true}"""
                .formatted(slug)));

        assertThat(clone.status()).isEqualTo(201);
        String cloneId = clone.body().get("id").asText();
        assertThat(clone.body().get("status").asText()).isEqualTo("draft");
        assertThat(clone.body().get("clonedFrom").asText()).isEqualTo(source);
        assertThat(clone.body().get("seriesId").asText()).isEqualTo(source);
        JsonNode sessions = call(as(owner, LIST_SESSIONS).path("orgId", orgId).path("eventId", cloneId)).body().get("items");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("startsAt").asText()).isEqualTo("2031-10-10T10:00:00Z");
        assertThat(sessions.get(0).get("speakers").get(0).get("role").asText()).isEqualTo("host");
        JsonNode tickets = call(as(owner, LIST_TICKET_TYPES).path("orgId", orgId).path("eventId", cloneId)).body().get("items");
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).get("priceMinor").asLong()).isEqualTo(9900);
        assertThat(tickets.get(0).get("quantitySold").asInt()).isZero();
        assertThat(tickets.get(0).get("saleEndsAt").asText()).isEqualTo("2031-10-01T00:00:00Z");
        assertThat(ids(call(as(owner, LIST_EVENTS).path("orgId", orgId).query("seriesId", source))))
                .containsExactlyInAnyOrder(source, cloneId);
    }

    private static List<String> ids(Response r) {
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.body().get("items").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    private static String status(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("status").asText();
    }
}
