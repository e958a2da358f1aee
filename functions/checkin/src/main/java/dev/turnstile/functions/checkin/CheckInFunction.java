package dev.turnstile.functions.checkin;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.wiring.Services;

/** Lambda entry point: door staff scan tickets, undo check-ins and look attendees up. */
public final class CheckInFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public CheckInFunction() {
        this(Services.fromEnvironment(FunctionCatalogue.CHECK_IN));
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public CheckInFunction(Services services) {
        super(FunctionCatalogue.CHECK_IN, services);
    }
}
