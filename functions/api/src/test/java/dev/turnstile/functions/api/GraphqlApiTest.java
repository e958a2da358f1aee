package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.api.graphql.GraphqlApi;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /graphql, through the {@code graphql} function as API Gateway (and so the local runtime)
 * invokes it, against the real PostgreSQL: the three queries answer what the REST routes answer,
 * with their membership and role checks, and another organization's data never shows.
 */
class GraphqlApiTest extends ApiTestSupport {

    static final Principal owner = TestTokens.newUser("Olga");
    static final Principal attendee = TestTokens.newUser("Ari");
    static final Principal outsider = TestTokens.newUser("Mallory");
    static TwoOrganizations world;

    static final String EVENT_QUERY = """
            query Event($org: ID!, $event: ID!) {
              event(orgId: $org, id: $event) {
                id orgId title slug type visibility startsAt endsAt timeZone published
                sessions { id title startsAt endsAt status }
                ticketTypes { id name priceMinor currency capacity active }
              }
            }""";

    @BeforeAll
    static void twoOrganizations() {
        world = TwoOrganizations.create(owner, attendee, outsider);
    }

    @Test
    void givenAnOrganizer_whenQueryingTheirOrganization_thenItIsWhatTheRestRouteAnswers() {
        JsonNode rest = call(as(owner, GET_ORGANIZATION).path("orgId", world.orgA())).body();

        JsonNode reply = graphql(owner, "query($id: ID!) { organization(id: $id) { id name slug role createdAt } }",
                Map.of("id", world.orgA()));

        assertThat(reply.has("errors")).as(reply.toString()).isFalse();
        JsonNode org = reply.at("/data/organization");
        for (String field : new String[] {"id", "name", "slug", "role", "createdAt"}) {
            assertThat(org.get(field)).as(field).isEqualTo(rest.get(field));
        }
        assertThat(org.get("role").asText()).isEqualTo("owner");
    }

    @Test
    void givenAnOrganizer_whenQueryingAnEvent_thenItComesWithItsSessionsAndTicketTypesAsTheRestRoutesListThem() {
        JsonNode restEvent = call(as(owner, GET_EVENT).path("orgId", world.orgA()).path("eventId", world.eventA())).body();
        JsonNode restSessions = call(as(owner, LIST_SESSIONS).path("orgId", world.orgA()).path("eventId", world.eventA())).body();
        JsonNode restTicketTypes = call(as(owner, LIST_TICKET_TYPES).path("orgId", world.orgA()).path("eventId", world.eventA())).body();

        JsonNode reply = graphql(owner, EVENT_QUERY, Map.of("org", world.orgA(), "event", world.eventA()));

        assertThat(reply.has("errors")).as(reply.toString()).isFalse();
        JsonNode event = reply.at("/data/event");
        for (String field : new String[] {"id", "orgId", "title", "slug", "type", "visibility", "startsAt", "endsAt",
                "timeZone", "published"}) {
            assertThat(event.get(field)).as(field).isEqualTo(restEvent.get(field));
        }
        assertThat(event.get("type").asText()).isEqualTo("in_person");
        assertThat(event.get("sessions")).hasSize(1);
        assertThat(event.at("/sessions/0/title")).isEqualTo(restSessions.at("/items/0/title"));
        assertThat(event.at("/sessions/0/status")).isEqualTo(restSessions.at("/items/0/status"));
        assertThat(event.at("/ticketTypes/0/id").asText()).isEqualTo(world.ticketTypeA());
        assertThat(event.at("/ticketTypes/0/priceMinor")).isEqualTo(restTicketTypes.at("/items/0/priceMinor"));
        assertThat(event.at("/ticketTypes/0/priceMinor").asInt()).isEqualTo(2500);
        assertThat(event.at("/ticketTypes/0/capacity").asInt()).isEqualTo(40);
    }

    @Test
    void givenAnAttendee_whenQueryingTheirRegistrations_thenTheyGetTheirOwnWithTickets() {
        JsonNode rest = call(as(attendee, LIST_MY_REGISTRATIONS)).body();

        JsonNode reply = graphql(attendee,
                "{ myRegistrations { id orgId eventId confirmationNumber status totalMinor currency createdAt tickets { id ticketTypeId status } } }",
                Map.of());

        assertThat(reply.has("errors")).as(reply.toString()).isFalse();
        JsonNode mine = reply.at("/data/myRegistrations");
        assertThat(mine).hasSize(1);
        assertThat(mine.at("/0/id").asText()).isEqualTo(world.registrationA());
        assertThat(mine.at("/0/confirmationNumber")).isEqualTo(rest.at("/items/0/confirmationNumber"));
        assertThat(mine.at("/0/status").asText()).isEqualTo("pending");
        assertThat(mine.at("/0/totalMinor").asInt()).isEqualTo(2500);
        assertThat(mine.at("/0/tickets/0/ticketTypeId").asText()).isEqualTo(world.ticketTypeA());
        assertThat(graphql(outsider, "{ myRegistrations { id } }", Map.of()).at("/data/myRegistrations")).isEmpty();
    }

    @Test
    void givenAMemberOfAnotherOrganization_whenQueryingThisOnesEventOrOrganization_thenNullAndNotFound_andNothingLeaks() {
        // A's ids under A's organization: not a member of it
        JsonNode direct = graphql(outsider, EVENT_QUERY, Map.of("org", world.orgA(), "event", world.eventA()));
        // A's event under B's organization, where the outsider is owner: row-level security hides it
        JsonNode smuggled = graphql(outsider, EVENT_QUERY, Map.of("org", world.orgB(), "event", world.eventA()));
        JsonNode organization = graphql(outsider, "query($id: ID!) { organization(id: $id) { id name } }", Map.of("id", world.orgA()));

        assertThat(direct.at("/data/event").isNull()).as(direct.toString()).isTrue();
        assertThat(direct.at("/errors/0/extensions/code").asText()).isEqualTo("organization_not_found");
        assertThat(direct.at("/errors/0/path/0").asText()).isEqualTo("event");
        assertThat(smuggled.at("/data/event").isNull()).as(smuggled.toString()).isTrue();
        assertThat(smuggled.at("/errors/0/extensions/code").asText()).isEqualTo("event_not_found");
        assertThat(organization.at("/data/organization").isNull()).isTrue();
        assertThat(organization.at("/errors/0/extensions/code").asText()).isEqualTo("organization_not_found");
        // the same refusals the REST routes give
        assertThat(call(as(outsider, GET_EVENT).path("orgId", world.orgA()).path("eventId", world.eventA())).code())
                .isEqualTo("organization_not_found");
        assertThat(call(as(outsider, GET_EVENT).path("orgId", world.orgB()).path("eventId", world.eventA())).code())
                .isEqualTo("event_not_found");
        String orgAName = call(as(owner, GET_ORGANIZATION).path("orgId", world.orgA())).body().get("name").asText();
        for (JsonNode reply : new JsonNode[] {direct, smuggled, organization}) {
            assertThat(reply.toString()).doesNotContain(world.ticketTypeA()).doesNotContain(orgAName).doesNotContain("Keynote");
        }
    }

    @Test
    void givenAnAttendeeMember_whenQueryingAnEvent_thenTheStaffRoleIsRequiredAsOnTheRestRoute() {
        Principal member = TestTokens.newUser("Mia");
        addMember(world.orgA(), member, "attendee");

        JsonNode reply = graphql(member, EVENT_QUERY, Map.of("org", world.orgA(), "event", world.eventA()));
        Response rest = call(as(member, GET_EVENT).path("orgId", world.orgA()).path("eventId", world.eventA()));

        assertThat(rest.status()).isEqualTo(403);
        assertThat(reply.at("/data/event").isNull()).isTrue();
        assertThat(reply.at("/errors/0/extensions/code").asText()).isEqualTo(rest.code());
        assertThat(reply.at("/errors/0/message").asText()).isEqualTo(rest.body().get("detail").asText());
        assertThat(graphql(member, "query($id: ID!) { organization(id: $id) { role } }", Map.of("id", world.orgA()))
                .at("/data/organization/role").asText()).isEqualTo("attendee");
    }

    @Test
    void givenNoToken_thenTheEndpointAnswers401LikeEveryAuthenticatedRoute() {
        Response r = call(ApiCall.to(GRAPHQL).json(request("{ myRegistrations { id } }", Map.of())));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void givenAMalformedOrInvalidDocument_thenAGraphqlErrorResponse_notA500() {
        Response syntax = call(as(owner, GRAPHQL).json(request("{ organization(id: ", Map.of())));
        Response unknownField = call(as(owner, GRAPHQL).json(request("{ myRegistrations { password } }", Map.of())));
        Response missingVariable = call(as(owner, GRAPHQL).json(request(EVENT_QUERY, Map.of("org", world.orgA()))));
        Response badId = call(as(owner, GRAPHQL).json(request("{ organization(id: \"not-a-uuid\") { id } }", Map.of())));

        assertThat(syntax.status()).isEqualTo(200);
        assertThat(syntax.header("Content-Type")).isEqualTo("application/json");
        assertThat(syntax.body().has("data")).isFalse();
        assertThat(syntax.body().at("/errors/0/extensions/classification").asText()).isEqualTo("InvalidSyntax");
        assertThat(unknownField.status()).isEqualTo(200);
        assertThat(unknownField.body().at("/errors/0/extensions/classification").asText()).isEqualTo("ValidationError");
        assertThat(missingVariable.status()).isEqualTo(200);
        assertThat(missingVariable.body().at("/errors/0/message").asText()).contains("event");
        assertThat(badId.body().at("/data/organization").isNull()).isTrue();
        assertThat(badId.body().at("/errors/0/extensions/code").asText()).isEqualTo("organization_not_found");
    }

    @Test
    void givenABodyThatIsNoGraphqlRequest_then400WithAnErrorsArray() {
        Response notJson = call(as(owner, GRAPHQL).json("{\"query\": "));
        Response noQuery = call(as(owner, GRAPHQL).json("{\"variables\": {}}"));
        Response variablesNotAnObject = call(as(owner, GRAPHQL).json("{\"query\": \"{ myRegistrations { id } }\", \"variables\": [1]}"));
        Response notJsonAtAll = call(as(owner, GRAPHQL).header("Content-Type", "application/graphql")
                .json("{ myRegistrations { id } }"));

        for (Response r : new Response[] {notJson, noQuery, variablesNotAnObject}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.body().at("/errors/0/message").asText()).isNotBlank();
            assertThat(r.body().at("/errors/0/extensions/code").asText()).isEqualTo("bad_request");
        }
        assertThat(notJsonAtAll.status()).isEqualTo(415);
    }

    @Test
    void givenADocumentThatWouldReadTheDatabaseTooOften_thenItIsRefusedBeforeAnyFieldRuns() {
        StringBuilder atTheLimit = new StringBuilder("{");
        for (int i = 0; i < GraphqlApi.MAX_READS / 3; i++) { // an event and its two lists: three reads each
            atTheLimit.append(" e").append(i).append(": event(orgId: \"").append(world.orgA()).append("\", id: \"").append(world.eventA())
                    .append("\") { title sessions { title } ticketTypes { name } }");
        }
        String oneMore = atTheLimit + " mine: myRegistrations { id } }";

        Response allowed = call(as(owner, GRAPHQL).json(request(atTheLimit.append(" }").toString(), Map.of())));
        Response refused = call(as(owner, GRAPHQL).json(request(oneMore, Map.of())));

        assertThat(allowed.body().has("errors")).as(allowed.body().toString()).isFalse();
        assertThat(allowed.body().at("/data/e0/sessions/0/title").asText()).isEqualTo("Keynote");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body().has("data")).isFalse();
        assertThat(refused.body().at("/errors/0/message").asText()).containsIgnoringCase("complexity");
    }

    @Test
    void givenTheStandardIntrospectionQuery_thenToolsGetTheSchema_withoutItCountingAsReads() {
        Response r = call(as(owner, GRAPHQL).json(request(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY, Map.of())));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().has("errors")).as(String.valueOf(r.body())).isFalse();
        assertThat(r.body().at("/data/__schema/queryType/name").asText()).isEqualTo("Query");
    }

    @Test
    void givenSeveralOperations_thenOperationNameChoosesOne() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("query", "query Mine { myRegistrations { id } } query Org { organization(id: \"" + world.orgA() + "\") { slug } }");
        body.put("operationName", "Org");

        Response r = call(as(owner, GRAPHQL).json(body.toString()));

        assertThat(r.body().at("/data/organization/slug").asText()).startsWith("org-");
        assertThat(r.body().at("/data").has("myRegistrations")).isFalse();
    }

    private static JsonNode graphql(Principal caller, String query, Map<String, Object> variables) {
        Response r = call(as(caller, GRAPHQL).json(request(query, variables)));
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return r.body();
    }

    private static String request(String query, Map<String, Object> variables) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("query", query);
        body.set("variables", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(variables));
        return body.toString();
    }
}
