package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.wiring.Services;
import dev.turnstile.catalogue.FunctionCatalogue;

/** Lambda entry point: Ticket types of events. */
public final class TicketTypesFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public TicketTypesFunction() {
        this(Services.fromEnvironment());
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public TicketTypesFunction(Services services) {
        super(FunctionCatalogue.TICKET_TYPES, services);
    }
}
