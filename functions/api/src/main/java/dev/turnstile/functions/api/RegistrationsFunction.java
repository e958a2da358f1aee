package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.wiring.Services;

/** Lambda entry point: Attendees register, see and cancel their registrations, and join waitlists. */
public final class RegistrationsFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public RegistrationsFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.REGISTRATIONS));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public RegistrationsFunction(Services services) {
        super(FunctionCatalogue.REGISTRATIONS, services);
    }
}
