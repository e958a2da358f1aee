package dev.turnstile.catalogue;

import java.util.Objects;

/**
 * One field of the GraphQL schema ({@code graphql/schema.graphql}) resolved by a function: an
 * AppSync resolver on a Lambda data source in AWS (direct Lambda resolver, no mapping template),
 * the local runtime's graphql-java data fetcher calling the same handler class locally.
 */
public record GraphqlField(String type, String field) {

    public GraphqlField {
        Objects.requireNonNull(type, "type");
        if (!type.matches("Query|Mutation|[A-Z][A-Za-z0-9]*") || !field.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("A GraphQL type and field name: " + type + "." + field);
        }
    }

    @Override
    public String toString() {
        return type + "." + field;
    }
}
