package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.wiring.Services;

/** Lambda entry point: the GraphQL endpoint, POST /graphql (the read queries of graphql/schema.graphql). */
public final class GraphqlFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public GraphqlFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.GRAPHQL));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public GraphqlFunction(Services services) {
        super(FunctionCatalogue.GRAPHQL, services);
    }
}
