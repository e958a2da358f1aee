package dev.turnstile.api.routes;

import static dev.turnstile.catalogue.ApiRoutes.*;

import dev.turnstile.api.ApiRequest;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.api.Router;
import dev.turnstile.registration.GetMyTicketQr;
import dev.turnstile.registration.JoinWaitlist;
import dev.turnstile.registration.Register;
import dev.turnstile.registration.WaitlistEntry;
import dev.turnstile.wiring.Services;
import java.util.Map;
import java.util.UUID;

/** Attendees: registering, their own registrations, and the waitlist. */
public final class RegistrationRoutes {

    private RegistrationRoutes() {
    }

    /** A waitlist entry with how many are ahead of it in line. */
    public record WaitlistPlace(WaitlistEntry entry, int ahead) {
    }

    public static void bind(Router router, Services s) {
        router.bind(REGISTER, req -> {
            UUID eventId = req.pathId("eventId", "event");
            Register.Outcome outcome = s.register.register(req.principal(), eventId, req.body(Register.Command.class),
                    req.header("Idempotency-Key").orElse(null));
            String location = "/v1/me/registrations/" + outcome.registration().id();
            return outcome.created()
                    ? ApiResponse.created(location, outcome.registration())
                    : ApiResponse.ok(outcome.registration()); // a retry: the first attempt's registration
        });
        router.bind(LIST_MY_REGISTRATIONS, req -> ApiResponse.ok(Map.of("items",
                s.listMyRegistrations.list(req.principal()))));
        router.bind(GET_MY_REGISTRATION, req -> ApiResponse.ok(
                s.getMyRegistration.get(req.principal(), registrationId(req))));
        router.bind(CANCEL_MY_REGISTRATION, req -> ApiResponse.ok(
                s.cancelMyRegistration.cancel(req.principal(), registrationId(req))));
        router.bind(JOIN_WAITLIST, req -> {
            JoinWaitlist.Place place = s.joinWaitlist.join(req.principal(), req.pathId("eventId", "event"),
                    req.body(JoinWaitlist.Command.class));
            return ApiResponse.created("/v1/me/waitlist", new WaitlistPlace(place.entry(), place.ahead()));
        });
        router.bind(LIST_MY_WAITLIST, req -> ApiResponse.ok(Map.of("items", s.listMyWaitlist.list(req.principal()))));
        router.bind(DOWNLOAD_MY_TICKETS, req -> ApiResponse.binary("application/pdf",
                s.downloadMyTickets.pdf(req.principal(), registrationId(req)), "tickets.pdf"));
        router.bind(LINK_MY_TICKETS, req -> ApiResponse.ok(
                s.getMyTicketsLink.link(req.principal(), registrationId(req))));
        router.bind(GET_MY_TICKET_QR, req -> {
            var image = s.getMyTicketQr.get(req.principal(), registrationId(req), req.pathId("ticketId", "ticket"),
                    req.queryEnum("format", GetMyTicketQr.Format.class).orElse(GetMyTicketQr.Format.PNG));
            return ApiResponse.binary(image.contentType(), image.bytes(), null);
        });
        router.bind(LEAVE_WAITLIST, req -> {
            s.leaveWaitlist.leave(req.principal(), req.pathId("entryId", "waitlist entry"));
            return ApiResponse.noContent();
        });
    }

    private static UUID registrationId(ApiRequest req) {
        return req.pathId("registrationId", "registration");
    }
}
