package dev.turnstile.api;

import dev.turnstile.wiring.Services;
import dev.turnstile.api.routes.EventRoutes;
import dev.turnstile.api.routes.GraphqlRoutes;
import dev.turnstile.api.routes.OrganizationRoutes;
import dev.turnstile.api.routes.InvoiceRoutes;
import dev.turnstile.api.routes.PaymentRoutes;
import dev.turnstile.api.routes.PublicEventRoutes;
import dev.turnstile.api.routes.RegistrationAdminRoutes;
import dev.turnstile.api.routes.CheckInRoutes;
import dev.turnstile.api.routes.RegistrationRoutes;
import dev.turnstile.api.routes.SessionRoutes;
import dev.turnstile.api.routes.TicketTypeRoutes;
import dev.turnstile.catalogue.FunctionSpec;

/** Builds the router of one function: every route bound, then cut down to the function's own. */
public final class ApiRouter {

    private ApiRouter() {
    }

    public static Router all(Services services) {
        return all(services, true);
    }

    private static Router all(Services services, boolean graphqlNow) {
        Router router = new Router(services.tokens);
        services.browserOrigin().ifPresent(router::allowOrigin);
        OrganizationRoutes.bind(router, services);
        EventRoutes.bind(router, services);
        SessionRoutes.bind(router, services);
        TicketTypeRoutes.bind(router, services);
        PublicEventRoutes.bind(router, services);
        RegistrationRoutes.bind(router, services);
        RegistrationAdminRoutes.bind(router, services);
        CheckInRoutes.bind(router, services);
        PaymentRoutes.bind(router, services);
        InvoiceRoutes.bind(router, services);
        GraphqlRoutes.bind(router, services, graphqlNow);
        return router;
    }

    public static Router forFunction(FunctionSpec function, Services services) {
        return all(services, function.routes().contains(dev.turnstile.catalogue.ApiRoutes.GRAPHQL))
                .restrictTo(function.routes());
    }
}
