package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.wiring.Services;
import dev.turnstile.catalogue.FunctionCatalogue;

/** Lambda entry point: Organizations, their branding, and the caller's memberships. */
public final class OrganizationsFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public OrganizationsFunction() {
        this(Services.fromEnvironment());
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public OrganizationsFunction(Services services) {
        super(FunctionCatalogue.ORGANIZATIONS, services);
    }
}
