package dev.turnstile.api;

import dev.turnstile.wiring.Services;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.turnstile.catalogue.FunctionSpec;

/**
 * The body every REST Lambda shares: a router for the function's catalogue routes, built once per
 * container. Subclasses in {@code functions/*} only name their catalogue entry.
 */
public abstract class ApiGatewayFunction implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final Router router;

    protected ApiGatewayFunction(FunctionSpec function, Services services) {
        this.router = ApiRouter.forFunction(function, services);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.dispatch(event);
    }
}
