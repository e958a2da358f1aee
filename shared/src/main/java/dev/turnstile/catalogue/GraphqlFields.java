package dev.turnstile.catalogue;

/**
 * The fields of one type of {@code graphql/schema.graphql} that a function resolves as AppSync's
 * direct Lambda resolver: one AppSync resolver per field of {@code typeName}, each invoking the
 * function's live alias with AppSync's resolver event (no mapping templates). The fields are read
 * from the schema file, not listed here, so a field added to the file gets its resolver. The local
 * runtime has no AppSync: there, {@code POST /graphql} ({@link ApiRoutes#GRAPHQL}) serves the same
 * fields through the same engine (docs/infrastructure.md, "GraphQL").
 */
public record GraphqlFields(String typeName, String purpose) {

    /** The root query type: every read of the GraphQL API. */
    public static final String QUERY = "Query";

    public GraphqlFields {
        if (!typeName.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("A GraphQL type name: " + typeName);
        }
    }
}
