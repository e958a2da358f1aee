package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.api.graphql.FieldRefused;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code graphql-resolver} function as AppSync invokes it, a direct Lambda resolver: the
 * resolver event of AppSync's documented shape (arguments, a Cognito identity with the token's
 * claims, source, request headers, info with the field and its selection set) in, the field's
 * value out, against the real PostgreSQL. Each root field answers what its REST route answers;
 * refusals are thrown, so AppSync reports an error and no data.
 */
class GraphqlResolverFunctionTest extends ApiTestSupport {

    static final ObjectMapper json = new ObjectMapper();
    static final GraphqlResolverFunction resolver = new GraphqlResolverFunction(services);
    static final Principal owner = TestTokens.newUser("Olga");
    static final Principal attendee = TestTokens.newUser("Ari");
    static final Principal outsider = TestTokens.newUser("Mallory");
    static TwoOrganizations world;

    static final String EVENT_SELECTION = """
            {
              id
              orgId
              title
              slug
              type
              visibility
              startsAt
              endsAt
              timeZone
              published
              sessions {
                id
                title
                status
              }
              ticketTypes {
                id
                name
                priceMinor
                currency
                capacity
                active
              }
            }""";

    @BeforeAll
    static void twoOrganizations() {
        world = TwoOrganizations.create(owner, attendee, outsider);
    }

    @Test
    void givenAnOrganizer_whenAppSyncResolvesOrganization_thenTheValueIsWhatTheRestRouteAnswers() {
        JsonNode rest = call(as(owner, GET_ORGANIZATION).path("orgId", world.orgA())).body();

        JsonNode org = resolve(event(owner, "organization", Map.of("id", world.orgA()), "{\n  id\n  name\n  slug\n  role\n  createdAt\n}"));

        for (String field : new String[] {"id", "name", "slug", "role", "createdAt"}) {
            assertThat(org.get(field)).as(field).isEqualTo(rest.get(field));
        }
        assertThat(org.get("role").asText()).isEqualTo("owner");
        assertThat(org.has("email")).isFalse();
    }

    @Test
    void givenAnOrganizer_whenAppSyncResolvesEvent_thenItComesWithItsSessionsAndTicketTypesAsTheRestRoutesListThem() {
        JsonNode restEvent = call(as(owner, GET_EVENT).path("orgId", world.orgA()).path("eventId", world.eventA())).body();
        JsonNode restSessions = call(as(owner, LIST_SESSIONS).path("orgId", world.orgA()).path("eventId", world.eventA())).body();
        JsonNode restTicketTypes = call(as(owner, LIST_TICKET_TYPES).path("orgId", world.orgA()).path("eventId", world.eventA())).body();

        JsonNode event = resolve(event(owner, "event", Map.of("orgId", world.orgA(), "id", world.eventA()), EVENT_SELECTION));

        for (String field : new String[] {"id", "orgId", "title", "slug", "type", "visibility", "startsAt", "endsAt",
                "timeZone", "published"}) {
            assertThat(event.get(field)).as(field).isEqualTo(restEvent.get(field));
        }
        assertThat(event.get("sessions")).hasSize(1);
        assertThat(event.at("/sessions/0/title")).isEqualTo(restSessions.at("/items/0/title"));
        assertThat(event.at("/sessions/0/status")).isEqualTo(restSessions.at("/items/0/status"));
        assertThat(event.at("/ticketTypes/0/id").asText()).isEqualTo(world.ticketTypeA());
        assertThat(event.at("/ticketTypes/0/priceMinor")).isEqualTo(restTicketTypes.at("/items/0/priceMinor"));
        assertThat(event.at("/ticketTypes/0/capacity").asInt()).isEqualTo(40);
    }

    @Test
    void givenAnAttendee_whenAppSyncResolvesMyRegistrations_thenTheyGetTheirOwnWithTickets_asTheRestRouteListsThem() {
        JsonNode rest = call(as(attendee, LIST_MY_REGISTRATIONS)).body();

        JsonNode mine = resolve(event(attendee, "myRegistrations", Map.of(),
                "{\n  id\n  orgId\n  eventId\n  confirmationNumber\n  status\n  totalMinor\n  currency\n  createdAt\n"
                        + "  tickets {\n    id\n    ticketTypeId\n    status\n  }\n}"));

        assertThat(mine).hasSize(rest.get("items").size()).hasSize(1);
        assertThat(mine.at("/0/id").asText()).isEqualTo(world.registrationA());
        for (String field : new String[] {"id", "orgId", "eventId", "confirmationNumber", "status", "totalMinor", "currency",
                "createdAt"}) {
            assertThat(mine.at("/0/" + field)).as(field).isEqualTo(rest.at("/items/0/" + field));
        }
        assertThat(mine.at("/0/tickets/0/ticketTypeId").asText()).isEqualTo(world.ticketTypeA());
        assertThat(resolve(event(outsider, "myRegistrations", Map.of(), "{\n  id\n}"))).isEmpty();
    }

    @Test
    void givenAliasesInTheClientsSelection_thenTheValueIsKeyedByFieldName_forAppSyncToApplyTheAliases() {
        JsonNode event = resolve(event(owner, "event", Map.of("orgId", world.orgA(), "id", world.eventA()),
                "{\n  heading: title\n  tiers: ticketTypes {\n    price: priceMinor\n  }\n}"));

        assertThat(event.get("title").asText()).isEqualTo("DevConf");
        assertThat(event.at("/ticketTypes/0/priceMinor").asInt()).isEqualTo(2500);
        assertThat(event.has("heading")).isFalse();
        assertThat(event.has("tiers")).isFalse();
    }

    @Test
    void givenAMemberOfAnotherOrganization_whenAskingForThisOnesEventOrOrganization_thenAnErrorAndNoData() {
        // A's ids under A's organization: not a member of it; A's event under B's, where the outsider is owner
        FieldRefused direct = refused(event(outsider, "event", Map.of("orgId", world.orgA(), "id", world.eventA()), EVENT_SELECTION));
        FieldRefused smuggled = refused(event(outsider, "event", Map.of("orgId", world.orgB(), "id", world.eventA()), EVENT_SELECTION));
        FieldRefused organization = refused(event(outsider, "organization", Map.of("id", world.orgA()), "{\n  id\n  name\n}"));

        // the same refusals as the REST routes, code first in the message AppSync passes on
        assertThat(direct.code()).isEqualTo(call(as(outsider, GET_EVENT).path("orgId", world.orgA()).path("eventId", world.eventA())).code())
                .isEqualTo("organization_not_found");
        assertThat(smuggled.code()).isEqualTo(call(as(outsider, GET_EVENT).path("orgId", world.orgB()).path("eventId", world.eventA())).code())
                .isEqualTo("event_not_found");
        assertThat(organization.code()).isEqualTo("organization_not_found");
        assertThat(direct.getMessage()).startsWith("[organization_not_found] ");
        String orgAName = call(as(owner, GET_ORGANIZATION).path("orgId", world.orgA())).body().get("name").asText();
        for (FieldRefused refusal : List.of(direct, smuggled, organization)) {
            assertThat(refusal.getMessage()).doesNotContain(orgAName).doesNotContain(world.ticketTypeA()).doesNotContain("Keynote");
        }
    }

    @Test
    void givenAnAttendeeMember_whenAskingForAnEvent_thenTheStaffRoleIsRequiredAsOnTheRestRoute() {
        Principal member = TestTokens.newUser("Mia");
        addMember(world.orgA(), member, "attendee");

        FieldRefused refusal = refused(event(member, "event", Map.of("orgId", world.orgA(), "id", world.eventA()), EVENT_SELECTION));
        Response rest = call(as(member, GET_EVENT).path("orgId", world.orgA()).path("eventId", world.eventA()));

        assertThat(rest.status()).isEqualTo(403);
        assertThat(refusal.code()).isEqualTo(rest.code());
        assertThat(refusal.getMessage()).endsWith(rest.body().get("detail").asText());
    }

    @Test
    void givenNoIdentity_orOneWithoutSubjectOrEmail_orAnAccessToken_thenUnauthenticated_andNothingRuns() {
        ObjectNode anonymous = event(owner, "myRegistrations", Map.of(), "{\n  id\n}");
        anonymous.putNull("identity");
        ObjectNode noEmail = event(owner, "myRegistrations", Map.of(), "{\n  id\n}");
        ((ObjectNode) noEmail.at("/identity/claims")).remove("email");
        ObjectNode noSub = event(owner, "myRegistrations", Map.of(), "{\n  id\n}");
        ((ObjectNode) noSub.get("identity")).remove("sub");
        ObjectNode accessToken = event(owner, "myRegistrations", Map.of(), "{\n  id\n}");
        ((ObjectNode) accessToken.at("/identity/claims")).put("token_use", "access");
        ObjectNode notAUuid = event(owner, "myRegistrations", Map.of(), "{\n  id\n}");
        ((ObjectNode) notAUuid.get("identity")).put("sub", "admin");

        for (ObjectNode event : List.of(anonymous, noEmail, noSub, accessToken, notAUuid)) {
            assertThat(refused(event).code()).as(event.get("identity").toString()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void givenBadIdsOrArgumentsOrSelections_thenAnError_notACrash() {
        FieldRefused badId = refused(event(owner, "organization", Map.of("id", "not-a-uuid"), "{\n  id\n}"));
        FieldRefused badEventId = refused(event(owner, "event", Map.of("orgId", world.orgA(), "id", "42"), EVENT_SELECTION));
        FieldRefused missingArgument = refused(event(owner, "event", Map.of("orgId", world.orgA()), EVENT_SELECTION));
        FieldRefused unknownArgument = refused(event(owner, "organization", Map.of("id", world.orgA(), "slug", "x"), "{\n  id\n}"));
        FieldRefused idNotAString = refused(event(owner, "organization", Map.of("id", List.of(1, 2)), "{\n  id\n}"));
        FieldRefused unknownSelection = refused(event(owner, "myRegistrations", Map.of(), "{\n  password\n}"));
        FieldRefused brokenSelection = refused(event(owner, "myRegistrations", Map.of(), "{\n  id\n"));
        FieldRefused injected = refused(event(owner, "myRegistrations", Map.of(), "{ id } mine2: myRegistrations { id }"));
        ObjectNode mutation = event(owner, "organization", Map.of("id", world.orgA()), "{\n  id\n}");
        ((ObjectNode) mutation.get("info")).put("parentTypeName", "Mutation");
        FieldRefused notAQuery = refused(mutation);
        FieldRefused unknownField = refused(event(owner, "users", Map.of(), "{\n  id\n}"));

        assertThat(badId.code()).isEqualTo("organization_not_found");
        assertThat(badEventId.code()).isEqualTo("event_not_found");
        // graphql-java coerces a list to the ID "[1, 2]", which names nothing, as a malformed id in a REST path
        assertThat(idNotAString.code()).isEqualTo("organization_not_found");
        for (FieldRefused refusal : List.of(missingArgument, unknownArgument, unknownSelection, brokenSelection,
                injected, notAQuery, unknownField)) {
            assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo("bad_request");
        }
    }

    // ---- AppSync's resolver event, as its developer guide describes it for direct Lambda resolvers ----

    /** The event for a root query field, from a caller signed in with the user pool (an identity token). */
    static ObjectNode event(Principal caller, String fieldName, Map<String, Object> arguments, String selectionSetGraphQL) {
        String issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Turnstile";
        ObjectNode event = json.createObjectNode();
        event.set("arguments", json.valueToTree(arguments));
        ObjectNode identity = event.putObject("identity");
        ObjectNode claims = identity.putObject("claims");
        claims.put("sub", caller.userId().toString());
        claims.put("email_verified", true);
        claims.put("iss", issuer);
        claims.put("cognito:username", caller.userId().toString());
        claims.put("aud", "7admin0ui0client0id");
        claims.put("token_use", "id");
        claims.put("auth_time", 1_764_600_000);
        claims.put("name", caller.name());
        claims.put("exp", 1_764_603_600);
        claims.put("iat", 1_764_600_000);
        claims.put("email", caller.email());
        identity.put("defaultAuthStrategy", "ALLOW");
        identity.putNull("groups");
        identity.put("issuer", issuer);
        identity.putArray("sourceIp").add("203.0.113.7");
        identity.put("sub", caller.userId().toString());
        identity.put("username", caller.userId().toString());
        event.putNull("source");
        ObjectNode request = event.putObject("request");
        request.putObject("headers").put("content-type", "application/json").put("host", "abc.appsync-api.eu-west-1.amazonaws.com")
                .put("authorization", "eyJraWQ...").put("x-forwarded-for", "203.0.113.7");
        request.putNull("domainName");
        event.putNull("prev");
        ObjectNode info = event.putObject("info");
        info.put("fieldName", fieldName);
        info.put("parentTypeName", "Query");
        info.putObject("variables");
        info.set("selectionSetList", json.valueToTree(selectionSetGraphQL.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.equals("{") && !l.equals("}")).map(l -> l.replace(" {", "")).toList()));
        info.put("selectionSetGraphQL", selectionSetGraphQL);
        event.putObject("stash");
        return event;
    }

    /** Invokes the handler as the Lambda runtime would: the JSON event deserialized to maps and lists. */
    static JsonNode resolve(ObjectNode event) {
        Object value = resolver.handleRequest(asLambdaInput(event), null);
        return json.valueToTree(value);
    }

    static FieldRefused refused(ObjectNode event) {
        Map<String, Object> input = asLambdaInput(event);
        assertThatThrownBy(() -> resolver.handleRequest(input, null)).isInstanceOf(FieldRefused.class);
        try {
            resolver.handleRequest(input, null);
            throw new AssertionError("not refused");
        } catch (FieldRefused e) {
            assertThat(e.getMessage()).startsWith("[" + e.code() + "] ");
            return e;
        }
    }

    private static Map<String, Object> asLambdaInput(ObjectNode event) {
        return json.convertValue(event, new TypeReference<>() {
        });
    }
}
