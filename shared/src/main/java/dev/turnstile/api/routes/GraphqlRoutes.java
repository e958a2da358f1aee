package dev.turnstile.api.routes;

import static dev.turnstile.catalogue.ApiRoutes.GRAPHQL;

import dev.turnstile.api.Router;
import dev.turnstile.api.graphql.GraphqlApi;
import dev.turnstile.wiring.Services;

/**
 * The GraphQL endpoint as a route: the router verifies the bearer token (401 problem+json without
 * one, as on every authenticated route) and refuses non-JSON bodies; the rest is GraphQL's.
 */
public final class GraphqlRoutes {

    private GraphqlRoutes() {
    }

    public static void bind(Router router, Services s) {
        GraphqlApi graphql = new GraphqlApi(s);
        router.bind(GRAPHQL, graphql::execute);
    }
}
