package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.wiring.Services;

/** Lambda entry point: Organizers see and cancel registrations, and set questions, promo codes and registration rules. */
public final class RegistrationAdminFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public RegistrationAdminFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.REGISTRATION_ADMIN));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public RegistrationAdminFunction(Services services) {
        super(FunctionCatalogue.REGISTRATION_ADMIN, services);
    }
}
