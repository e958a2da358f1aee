package dev.turnstile.api.routes;

import static dev.turnstile.api.routes.EventRoutes.eventId;
import static dev.turnstile.api.routes.EventRoutes.orgId;
import static dev.turnstile.catalogue.ApiRoutes.*;

import dev.turnstile.api.ApiRequest;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.wiring.Services;
import dev.turnstile.api.Router;
import dev.turnstile.ticket.TicketType;
import java.util.Map;
import java.util.UUID;

/** An event's ticket types. */
public final class TicketTypeRoutes {

    private TicketTypeRoutes() {
    }

    public static void bind(Router router, Services s) {
        router.bind(CREATE_TICKET_TYPE, req -> {
            TicketType t = s.createTicketType.create(req.principal(), orgId(req), eventId(req), req.body(TicketType.Details.class));
            return ApiResponse.created("/v1/orgs/" + t.orgId() + "/events/" + t.eventId() + "/ticket-types/" + t.id(), t);
        });
        router.bind(LIST_TICKET_TYPES, req -> ApiResponse.ok(Map.of("items",
                s.listTicketTypes.list(req.principal(), orgId(req), eventId(req)))));
        router.bind(UPDATE_TICKET_TYPE, req -> ApiResponse.ok(s.updateTicketType.update(req.principal(), orgId(req),
                eventId(req), ticketTypeId(req), req.body(TicketType.Details.class))));
        router.bind(DEACTIVATE_TICKET_TYPE, req -> ApiResponse.ok(
                s.setTicketTypeActive.set(req.principal(), orgId(req), eventId(req), ticketTypeId(req), false)));
        router.bind(ACTIVATE_TICKET_TYPE, req -> ApiResponse.ok(
                s.setTicketTypeActive.set(req.principal(), orgId(req), eventId(req), ticketTypeId(req), true)));
    }

    private static UUID ticketTypeId(ApiRequest req) {
        return req.pathId("ticketTypeId", "ticket type");
    }
}
