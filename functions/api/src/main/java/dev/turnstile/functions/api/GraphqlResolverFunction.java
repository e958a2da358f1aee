package dev.turnstile.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.turnstile.api.graphql.AppSyncResolver;
import dev.turnstile.api.graphql.GraphqlApi;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.wiring.Services;
import java.util.Map;

/**
 * Lambda entry point: AppSync's direct Lambda resolver for the root query fields (organization,
 * event, myRegistrations). The event is AppSync's resolver context; the answer is the field's
 * value; a refusal is thrown ({@link dev.turnstile.api.graphql.FieldRefused}) and reaches the
 * client as a GraphQL error. The engine is built at init, before SnapStart's snapshot.
 */
public final class GraphqlResolverFunction implements RequestHandler<Map<String, Object>, Object> {

    private final AppSyncResolver resolver;

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public GraphqlResolverFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.GRAPHQL_RESOLVER));
    }

    /** Called by the tests, which wire their own services. */
    public GraphqlResolverFunction(Services services) {
        this.resolver = new AppSyncResolver(new GraphqlApi(services));
    }

    @Override
    public Object handleRequest(Map<String, Object> event, Context context) {
        return resolver.resolve(event);
    }
}
