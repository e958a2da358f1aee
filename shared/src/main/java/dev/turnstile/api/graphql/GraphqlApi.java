package dev.turnstile.api.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.turnstile.api.ApiRequest;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.api.Json;
import dev.turnstile.api.routes.OrganizationRoutes.OrganizationView;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.wiring.Services;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The GraphQL endpoint: executes a whole document with graphql-java against
 * {@value #SCHEMA}, the same file in both hosts. Every field is resolved by the use case of the REST
 * route it mirrors ({@code organization} by {@code GetOrganization}, {@code event} by
 * {@code GetEvent} with {@code ListSessions} and {@code ListTicketTypes} for its lists,
 * {@code myRegistrations} by {@code ListMyRegistrations}), so membership, roles and tenant
 * isolation are the REST API's; values are the REST API's JSON, so a field reads the same in
 * both. A refusal nulls its field and adds an error whose {@code extensions.code} is the REST
 * problem's code. Request shape: GraphQL over HTTP, POST with {@code application/json}.
 */
public final class GraphqlApi {

    public static final String SCHEMA = "/graphql/schema.graphql";
    /**
     * Database reads per document: every resolved field below is a transaction of its own, so
     * aliases could otherwise turn one request into thousands. A dashboard needs three to five.
     * Other fields (scalars, introspection) cost nothing and are not counted; the schema is not
     * recursive, so depth needs no limit of its own.
     */
    public static final int MAX_READS = 30;

    private static final TypeDefinitionRegistry TYPES = parse();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final GraphQL graphql;

    public GraphqlApi(Services services) {
        // "Type.field" -> the use case that resolves it; every other field is read from its parent's map
        Map<FieldCoordinates, DataFetcher<?>> reads = Map.of(
                FieldCoordinates.coordinates("Query", "organization"), env -> view(OrganizationView.of(
                        services.getOrganization.get(caller(env), id(env, "id", "organization")))),
                FieldCoordinates.coordinates("Query", "event"), env -> view(services.getEvent
                        .get(caller(env), id(env, "orgId", "organization"), id(env, "id", "event"))),
                FieldCoordinates.coordinates("Query", "myRegistrations"),
                env -> views(services.listMyRegistrations.list(caller(env))),
                FieldCoordinates.coordinates("Event", "sessions"),
                ofEvent((env, org, id) -> services.listSessions.list(caller(env), org, id)),
                FieldCoordinates.coordinates("Event", "ticketTypes"),
                ofEvent((env, org, id) -> services.listTicketTypes.list(caller(env), org, id)));
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry();
        reads.forEach(code::dataFetcher);
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().codeRegistry(code).build();
        this.graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(TYPES, wiring))
                .defaultDataFetcherExceptionHandler(new GraphqlErrors())
                .instrumentation(new MaxQueryComplexityInstrumentation(MAX_READS, (field, children) -> children
                        + (reads.containsKey(FieldCoordinates.coordinates(field.getParentType().getName(),
                                field.getFieldDefinition().getName())) ? 1 : 0)))
                .build();
    }

    /**
     * Runs one document for a caller the host has already identified (AppSync's resolver, whose
     * caller AppSync verified): the same schema, fetchers, read limit and error mapping as
     * {@link #execute(ApiRequest)}.
     */
    public ExecutionResult execute(Principal caller, String document, Map<String, Object> variables) {
        return graphql.execute(ExecutionInput.newExecutionInput(document).variables(variables)
                .graphQLContext(Map.of(Principal.class, caller)));
    }

    /** The executable schema, built from {@value #SCHEMA}. */
    public graphql.schema.GraphQLSchema schema() {
        return graphql.getGraphQLSchema();
    }

    /**
     * Answers one request: 200 with the GraphQL result (data and/or errors, syntax and validation
     * errors included, as GraphQL over HTTP asks for {@code application/json}), or 400 with an
     * errors array when the body is not a GraphQL request at all.
     */
    public ApiResponse execute(ApiRequest request) {
        ExecutionInput.Builder input;
        try {
            input = input(request.rawBody());
        } catch (NotAGraphqlRequest e) {
            return ApiResponse.json(400, Map.of("errors", List.of(Map.of("message", e.getMessage(),
                    "extensions", Map.of("code", "bad_request")))));
        }
        ExecutionResult result = graphql.execute(input.graphQLContext(Map.of(Principal.class, request.principal())));
        return ApiResponse.json(200, result.toSpecification());
    }

    private static ExecutionInput.Builder input(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NotAGraphqlRequest("The body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new NotAGraphqlRequest("Send a JSON object: {\"query\": \"...\", \"variables\": {...}, \"operationName\": \"...\"}");
        }
        JsonNode query = json.path("query");
        JsonNode variables = json.path("variables");
        JsonNode operation = json.path("operationName");
        if (!query.isTextual() || query.asText().isBlank()) {
            throw new NotAGraphqlRequest("query must be a string holding a GraphQL document");
        }
        if (!variables.isMissingNode() && !variables.isNull() && !variables.isObject()) {
            throw new NotAGraphqlRequest("variables must be an object");
        }
        if (!operation.isMissingNode() && !operation.isNull() && !operation.isTextual()) {
            throw new NotAGraphqlRequest("operationName must be a string");
        }
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput(query.asText());
        if (variables.isObject()) {
            input.variables(Json.MAPPER.convertValue(variables, OBJECT));
        }
        if (operation.isTextual()) {
            input.operationName(operation.asText());
        }
        return input;
    }

    private static Principal caller(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(Principal.class);
    }

    /** An ID argument; like a malformed id in a REST path, one that is no UUID names nothing. */
    private static UUID id(DataFetchingEnvironment env, String argument, String resource) {
        String raw = env.getArgument(argument);
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFound(resource, (Object) raw);
        }
    }

    @FunctionalInterface
    private interface EventList {
        List<?> list(DataFetchingEnvironment env, UUID orgId, UUID eventId);
    }

    /** A list of the event being resolved, through its own use case (which checks the membership again). */
    private static DataFetcher<List<Map<String, Object>>> ofEvent(EventList list) {
        return env -> {
            Map<String, Object> event = env.getSource();
            return views(list.list(env, UUID.fromString((String) event.get("orgId")), UUID.fromString((String) event.get("id"))));
        };
    }

    /** A record as the REST API writes it (lower-case enums, ISO-8601 instants), as a map the fields read. */
    private static Map<String, Object> view(Object value) {
        return Json.MAPPER.convertValue(value, OBJECT);
    }

    private static List<Map<String, Object>> views(List<?> values) {
        return values.stream().map(GraphqlApi::view).toList();
    }

    private static TypeDefinitionRegistry parse() {
        try (InputStream in = GraphqlApi.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not on the classpath");
            }
            return new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class NotAGraphqlRequest extends RuntimeException {
        NotAGraphqlRequest(String message) {
            super(message, null, false, false);
        }
    }
}
