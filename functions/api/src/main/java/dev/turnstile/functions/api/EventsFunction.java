package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.wiring.Services;
import dev.turnstile.catalogue.FunctionCatalogue;

/** Lambda entry point: An organization's events: CRUD, lifecycle, listing, cloning. */
public final class EventsFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public EventsFunction() {
        this(Services.fromEnvironment());
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public EventsFunction(Services services) {
        super(FunctionCatalogue.EVENTS, services);
    }
}
