package dev.turnstile.functions.api;

import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.api.ApiServices;
import dev.turnstile.catalogue.FunctionCatalogue;

/** Lambda entry point: Ticket types of events. */
public final class TicketTypesFunction extends ApiGatewayFunction {

    /** Called by the Lambda runtime: configuration comes from the environment. */
    public TicketTypesFunction() {
        this(ApiServices.fromEnvironment());
    }

    /** Called by the local runtime and the tests, which wire their own services. */
    public TicketTypesFunction(ApiServices services) {
        super(FunctionCatalogue.TICKET_TYPES, services);
    }
}
