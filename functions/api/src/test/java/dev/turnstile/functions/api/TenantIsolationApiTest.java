package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.Route;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API half of tenant isolation: a member of organization B calls every organization-scoped
 * route of the catalogue against organization A's data, and gets "not found" every time, and A's
 * data is exactly as it was. A new route without an entry here fails the test.
 */
class TenantIsolationApiTest extends ApiTestSupport {

    static final Principal alice = TestTokens.newUser("Alice");
    static final Principal bob = TestTokens.newUser("Bob");
    static String orgA;
    static String orgB;
    static String eventA;
    static String sessionA;
    static String speakerA;
    static String ticketTypeA;
    static String eventB;
    static String registrationA;
    static String questionA;
    static String promoCodeA;
    static String ticketA;

    /** A valid body for each write route, so that only tenancy can make the call fail. */
    static final Map<Route, String> BODIES = Map.ofEntries(
            Map.entry(UPDATE_ORGANIZATION, "{\"name\": \"Pwned\"}"),
            Map.entry(UPDATE_BRANDING, "{\"logoUrl\": \"https://evil.example.com/x.png\"}"),
            Map.entry(CREATE_EVENT, """
                    {"title": "Fake", "slug": "fake-event", "type": "online", "startsAt": "2033-01-01T10:00:00Z",
                     "endsAt": "2033-01-01T12:00:00Z", "timeZone": "UTC"}"""),
            Map.entry(UPDATE_EVENT, "{\"title\": \"Pwned\"}"),
            Map.entry(CLONE_EVENT, "{\"slug\": \"stolen\"}"),
            Map.entry(CREATE_SESSION, """
                    {"title": "Injected", "startsAt": "2033-02-01T10:00:00Z", "endsAt": "2033-02-01T11:00:00Z"}"""),
            Map.entry(UPDATE_SESSION, "{\"title\": \"Pwned\"}"),
            Map.entry(SET_SESSION_SPEAKERS, "{\"speakers\": []}"),
            Map.entry(CREATE_SPEAKER, "{\"name\": \"Mallory\"}"),
            Map.entry(UPDATE_SPEAKER, "{\"name\": \"Pwned\"}"),
            Map.entry(CREATE_TICKET_TYPE, "{\"name\": \"Free\", \"priceMinor\": 0, \"currency\": \"EUR\", \"capacity\": 9}"),
            Map.entry(UPDATE_TICKET_TYPE, "{\"priceMinor\": 1}"),
            Map.entry(UPDATE_REGISTRATION_SETTINGS, "{\"holdMinutes\": 5}"),
            Map.entry(CREATE_QUESTION, "{\"label\": \"Diet?\", \"kind\": \"text\"}"),
            Map.entry(UPDATE_QUESTION, "{\"label\": \"Pwned\"}"),
            Map.entry(CREATE_PROMO_CODE, "{\"code\": \"FREE100\", \"kind\": \"percent\", \"percentOff\": 100}"),
            Map.entry(UPDATE_PROMO_CODE, "{\"percentOff\": 100}"),
            Map.entry(REFUND_REGISTRATION, "{\"amountMinor\": 100}"));

    @BeforeAll
    static void twoOrganizations() {
        orgA = createOrg(alice);
        eventA = createEvent(alice, orgA, uniqueSlug("a"), Instant.parse("2033-02-01T08:00:00Z"));
        ticketTypeA = createTicketType(alice, orgA, eventA, "General", 1000, 10);
        speakerA = call(as(alice, CREATE_SPEAKER).path("orgId", orgA).json("{\"name\": \"Ada\"}")).body().get("id").asText();
        sessionA = call(as(alice, CREATE_SESSION).path("orgId", orgA).path("eventId", eventA).json("""
                {"title": "Talk", "startsAt": "2033-02-01T09:00:00Z", "endsAt": "2033-02-01T10:00:00Z"}"""))
                .body().get("id").asText();
        questionA = call(as(alice, CREATE_QUESTION).path("orgId", orgA).path("eventId", eventA)
                .json("{\"label\": \"T-shirt size\", \"kind\": \"choice\", \"options\": [\"S\", \"M\"]}")).body().get("id").asText();
        promoCodeA = call(as(alice, CREATE_PROMO_CODE).path("orgId", orgA).path("eventId", eventA)
                .json("{\"code\": \"TENOFF\", \"kind\": \"percent\", \"percentOff\": 10}")).body().get("id").asText();
        call(as(alice, PUBLISH_EVENT).path("orgId", orgA).path("eventId", eventA));
        Principal carol = TestTokens.newUser("Carol");
        registrationA = call(as(carol, REGISTER).path("eventId", eventA).json("""
                {"tickets": [{"ticketTypeId": "%s", "attendeeName": "Carol", "answers": {"%s": "M"}}]}"""
                .formatted(ticketTypeA, questionA))).body().get("id").asText();
        ticketA = call(as(alice, GET_REGISTRATION).path("orgId", orgA).path("eventId", eventA)
                .path("registrationId", registrationA)).body().get("tickets").get(0).get("id").asText();
        orgB = createOrg(bob);
        eventB = createEvent(bob, orgB);
    }

    @Test
    void givenAMemberOfB_whenCallingEveryRouteWithAsIds_thenNotFound_andAIsUnchanged() throws Exception {
        JsonNode before = snapshotOfA();
        long auditBefore = auditRowsOfA();
        List<String> exercised = new ArrayList<>();

        for (Route route : organizationRoutes()) {
            for (boolean hard : route == DELETE_EVENT ? new boolean[] {false, true} : new boolean[] {false}) {
                ApiCall call = withIds(as(bob, route), route, orgA);
                if (hard) {
                    call.query("hard", true);
                }
                Response r = call(call);
                assertThat(r.status()).as("%s as a member of another organization: %s", route, r.body()).isEqualTo(404);
            }
            exercised.add(route.key());
        }

        assertThat(exercised).hasSize(organizationRoutes().size());
        assertThat(snapshotOfA()).isEqualTo(before);
        assertThat(auditRowsOfA()).isEqualTo(auditBefore);
    }

    @Test
    void givenAMemberOfB_whenNamingAsResourcesUnderBsOrganization_thenRowLevelSecurityHidesThem() throws Exception {
        JsonNode before = snapshotOfA();
        for (Route route : organizationRoutes()) {
            if (!route.path().contains("{orgId}/events/{eventId}") && !route.path().contains("{speakerId}")) {
                continue; // these name no resource of A once the organization is B's
            }
            Response r = call(withIds(as(bob, route), route, orgB));
            assertThat(r.status()).as("%s with B's organization and A's ids: %s", route, r.body()).isEqualTo(404);
        }
        assertThat(snapshotOfA()).isEqualTo(before);
    }

    @Test
    void givenAMemberOfB_whenListingTheirOrganizations_thenAIsNotAmongThem() {
        assertThat(call(as(bob, LIST_MY_ORGANIZATIONS)).body().get("items").findValuesAsText("id")).containsExactly(orgB);
        assertThat(call(as(bob, GET_ME)).body().get("organizations").findValuesAsText("id")).containsExactly(orgB);
    }

    private static List<Route> organizationRoutes() {
        // the functions of this module; each other function module tests its own routes' isolation
        return FunctionCatalogue.all().stream().filter(f -> f.module().equals("functions/api")).flatMap(f -> f.routes().stream())
                .filter(r -> r.path().contains("{orgId}")).toList();
    }

    private static ApiCall withIds(ApiCall call, Route route, String orgId) {
        call.path("orgId", orgId);
        if (route.path().contains("{eventId}")) {
            call.path("eventId", eventA);
        }
        if (route.path().contains("{sessionId}")) {
            call.path("sessionId", sessionA);
        }
        if (route.path().contains("{speakerId}")) {
            call.path("speakerId", speakerA);
        }
        if (route.path().contains("{ticketTypeId}")) {
            call.path("ticketTypeId", ticketTypeA);
        }
        if (route.path().contains("{registrationId}")) {
            call.path("registrationId", registrationA);
        }
        if (route.path().contains("{questionId}")) {
            call.path("questionId", questionA);
        }
        if (route.path().contains("{promoCodeId}")) {
            call.path("promoCodeId", promoCodeA);
        }
        if (route.path().contains("{ticketId}")) {
            call.path("ticketId", ticketA);
        }
        String body = BODIES.get(route);
        if (body != null) {
            call.json(body);
        }
        return call;
    }

    private static JsonNode snapshotOfA() {
        var snapshot = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        snapshot.set("org", call(as(alice, GET_ORGANIZATION).path("orgId", orgA)).body());
        snapshot.set("branding", call(as(alice, GET_BRANDING).path("orgId", orgA)).body());
        snapshot.set("events", call(as(alice, LIST_EVENTS).path("orgId", orgA).query("status", "all")).body());
        snapshot.set("sessions", call(as(alice, LIST_SESSIONS).path("orgId", orgA).path("eventId", eventA)).body());
        snapshot.set("ticketTypes", call(as(alice, LIST_TICKET_TYPES).path("orgId", orgA).path("eventId", eventA)).body());
        snapshot.set("speakers", call(as(alice, LIST_SPEAKERS).path("orgId", orgA)).body());
        snapshot.set("registrations", call(as(alice, LIST_REGISTRATIONS).path("orgId", orgA).path("eventId", eventA)).body());
        snapshot.set("settings", call(as(alice, GET_REGISTRATION_SETTINGS).path("orgId", orgA).path("eventId", eventA)).body());
        snapshot.set("questions", call(as(alice, LIST_QUESTIONS).path("orgId", orgA).path("eventId", eventA)).body());
        snapshot.set("promoCodes", call(as(alice, LIST_PROMO_CODES).path("orgId", orgA).path("eventId", eventA)).body());
        snapshot.set("keys", call(as(alice, LIST_SIGNING_KEYS).path("orgId", orgA).path("eventId", eventA)).body());
        return snapshot;
    }

    private static long auditRowsOfA() throws Exception {
        try (var c = db.owner().getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM audit_logs WHERE org_id = ?::uuid")) {
            ps.setString(1, orgA);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
