package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.api.ApiServices;
import dev.turnstile.catalogue.FunctionCatalogue;

/** Lambda entry point: An organization's events: CRUD, lifecycle, listing, cloning. */
public final class EventsFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public EventsFunction() {
        this(ApiServices.fromEnvironment());
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public EventsFunction(ApiServices services) {
        super(FunctionCatalogue.EVENTS, services);
    }
}
