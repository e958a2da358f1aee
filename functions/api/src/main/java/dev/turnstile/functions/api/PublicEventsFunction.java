package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.wiring.Services;
import dev.turnstile.catalogue.FunctionCatalogue;

/** Lambda entry point: Published events for anyone; no token needed. */
public final class PublicEventsFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public PublicEventsFunction() {
        this(Services.fromEnvironment());
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public PublicEventsFunction(Services services) {
        super(FunctionCatalogue.PUBLIC_EVENTS, services);
    }
}
