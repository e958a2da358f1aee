package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.wiring.Services;
import dev.turnstile.catalogue.FunctionCatalogue;

/** Lambda entry point: Sessions of events and the organization's speakers. */
public final class SessionsFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public SessionsFunction() {
        this(Services.fromEnvironment());
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public SessionsFunction(Services services) {
        super(FunctionCatalogue.SESSIONS, services);
    }
}
