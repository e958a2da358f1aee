package dev.turnstile.api.routes;

import static dev.turnstile.catalogue.ApiRoutes.GET_PUBLIC_EVENT;
import static dev.turnstile.catalogue.ApiRoutes.GET_REGISTRATION_FORM;
import static dev.turnstile.catalogue.ApiRoutes.LIST_PUBLIC_EVENTS;

import dev.turnstile.api.ApiResponse;
import dev.turnstile.wiring.Services;
import dev.turnstile.api.Router;
import java.util.Map;

/** Published events for anyone, by organization slug and event slug. Cacheable for a minute. */
public final class PublicEventRoutes {

    private PublicEventRoutes() {
    }

    public static void bind(Router router, Services s) {
        router.bind(LIST_PUBLIC_EVENTS, req -> cacheable(ApiResponse.ok(Map.of("items",
                s.listPublicEvents.list(req.pathParam("orgSlug"), req.queryInt("limit", 50, 1, 100))))));
        router.bind(GET_PUBLIC_EVENT, req -> cacheable(ApiResponse.ok(
                s.getPublicEvent.get(req.pathParam("orgSlug"), req.pathParam("eventSlug")))));
        router.bind(GET_REGISTRATION_FORM, req -> cacheable(ApiResponse.ok(
                s.getRegistrationForm.get(req.pathId("eventId", "event")))));
    }

    private static ApiResponse cacheable(ApiResponse r) {
        var headers = new java.util.HashMap<>(r.headers());
        headers.put("Cache-Control", "public, max-age=60");
        return new ApiResponse(r.status(), Map.copyOf(headers), r.body());
    }
}
