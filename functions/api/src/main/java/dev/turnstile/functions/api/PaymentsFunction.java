package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.wiring.Services;

/** Lambda entry point: the buyer starts or retries paying a pending registration. */
public final class PaymentsFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public PaymentsFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.PAYMENTS));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public PaymentsFunction(Services services) {
        super(FunctionCatalogue.PAYMENTS, services);
    }
}
