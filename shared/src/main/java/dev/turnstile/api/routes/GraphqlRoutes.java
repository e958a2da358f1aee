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

    /**
     * @param now build the engine now (the graphql function: before SnapStart's snapshot), or at
     *            its first request (every other function's router binds the route only to drop it,
     *            and the scan path should not pay for a schema it never serves)
     */
    public static void bind(Router router, Services s, boolean now) {
        if (now) {
            router.bind(GRAPHQL, new GraphqlApi(s)::execute);
            return;
        }
        java.util.concurrent.atomic.AtomicReference<GraphqlApi> built = new java.util.concurrent.atomic.AtomicReference<>();
        router.bind(GRAPHQL, request -> built.updateAndGet(b -> b != null ? b : new GraphqlApi(s)).execute(request));
    }
}
