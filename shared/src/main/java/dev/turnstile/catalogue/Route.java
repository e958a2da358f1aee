package dev.turnstile.catalogue;

import java.util.Objects;
import java.util.Set;

/**
 * One HTTP route as API Gateway knows it: a method and a resource path template such as
 * {@code /v1/orgs/{orgId}/events}. REST routes carry their version in the path; the GraphQL
 * endpoint is {@value #GRAPHQL_PATH}, since a GraphQL API evolves its schema, not its URL.
 */
public record Route(String method, String path, Access access) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    public static final String GRAPHQL_PATH = "/graphql";

    public Route {
        Objects.requireNonNull(access, "access");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("Unsupported method " + method);
        }
        if (!(path.startsWith("/v1/") || path.equals(GRAPHQL_PATH)) || path.endsWith("/")) {
            throw new IllegalArgumentException("Routes live under /v1/ without a trailing slash, or are "
                    + GRAPHQL_PATH + ": " + path);
        }
    }

    public String key() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return key();
    }
}
