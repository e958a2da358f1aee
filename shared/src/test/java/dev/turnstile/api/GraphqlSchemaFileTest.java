package dev.turnstile.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL schema file, as graphql-java (the local runtime's engine) reads it: it parses, uses
 * only standard scalars (so AppSync reads it alike), and the read queries the clients send
 * validate against it.
 */
class GraphqlSchemaFileTest {

    static final String SCHEMA = "/graphql/schema.graphql";

    static TypeDefinitionRegistry registry() throws IOException {
        try (InputStream in = GraphqlSchemaFileTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA + " on the classpath").isNotNull();
            return new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSchemaFileParsesIntoAnExecutableSchemaWithTheReadQueries() throws IOException {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(registry(), RuntimeWiring.newRuntimeWiring().build());

        assertThat(schema.getQueryType().getFieldDefinitions().stream().map(f -> f.getName()).collect(Collectors.toSet()))
                .isEqualTo(Set.of("organization", "event", "myRegistrations"));
        assertThat(schema.getMutationType()).as("read queries only, for now").isNull();
        assertThat(registry().scalars().keySet()).as("no custom scalar: AppSync's AWS* types would not parse here")
                .isSubsetOf(Set.of("Int", "Float", "String", "Boolean", "ID"));
    }

    @Test
    void theQueriesTheClientsSendValidate() throws IOException {
        GraphQL graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(registry(),
                RuntimeWiring.newRuntimeWiring().build())).build();
        String valid = """
                query Dashboard($org: ID!, $event: ID!) {
                  organization(id: $org) { id name slug role }
                  event(orgId: $org, id: $event) {
                    id title startsAt endsAt timeZone published
                    sessions { id title startsAt status }
                    ticketTypes { id name priceMinor currency capacity active }
                  }
                  myRegistrations { id status totalMinor currency tickets { id status } }
                }""";
        String invalid = "{ event(id: \"x\") { title } }";

        assertThat(graphql.execute(ExecutionInput.newExecutionInput(valid)
                .variables(java.util.Map.of("org", "o", "event", "e")).build()).getErrors())
                .noneMatch(e -> e.getErrorType().toString().equals("ValidationError"));
        assertThat(graphql.execute(invalid).getErrors()).anyMatch(e -> e.getErrorType().toString().equals("ValidationError"));
    }
}
