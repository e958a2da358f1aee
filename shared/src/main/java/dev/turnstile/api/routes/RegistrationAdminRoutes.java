package dev.turnstile.api.routes;

import static dev.turnstile.api.routes.EventRoutes.eventId;
import static dev.turnstile.api.routes.EventRoutes.orgId;
import static dev.turnstile.catalogue.ApiRoutes.*;

import dev.turnstile.api.ApiRequest;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.api.BadRequest;
import dev.turnstile.api.Router;
import dev.turnstile.registration.PromoCode;
import dev.turnstile.registration.Question;
import dev.turnstile.registration.RegistrationCursor;
import dev.turnstile.registration.RegistrationQuery;
import dev.turnstile.registration.RegistrationSettings;
import dev.turnstile.registration.RegistrationStatus;
import dev.turnstile.wiring.Services;
import java.util.Map;
import java.util.UUID;

/** Organizers: an event's registrations, registration form questions, promo codes, rules and waitlist. */
public final class RegistrationAdminRoutes {

    private RegistrationAdminRoutes() {
    }

    public static void bind(Router router, Services s) {
        router.bind(LIST_REGISTRATIONS, req -> ApiResponse.ok(s.listRegistrations.list(req.principal(), orgId(req), query(req))));
        router.bind(GET_REGISTRATION, req -> ApiResponse.ok(
                s.getRegistration.get(req.principal(), orgId(req), eventId(req), registrationId(req))));
        router.bind(CANCEL_REGISTRATION, req -> ApiResponse.ok(
                s.cancelRegistration.cancel(req.principal(), orgId(req), eventId(req), registrationId(req))));

        router.bind(GET_REGISTRATION_SETTINGS, req -> ApiResponse.ok(
                s.getRegistrationSettings.get(req.principal(), orgId(req), eventId(req))));
        router.bind(UPDATE_REGISTRATION_SETTINGS, req -> ApiResponse.ok(s.updateRegistrationSettings.update(
                req.principal(), orgId(req), eventId(req), req.body(RegistrationSettings.Changes.class))));

        router.bind(CREATE_QUESTION, req -> {
            Question q = s.createQuestion.create(req.principal(), orgId(req), eventId(req), req.body(Question.Details.class));
            return ApiResponse.created("/v1/orgs/" + orgId(req) + "/events/" + q.eventId() + "/questions/" + q.id(), q);
        });
        router.bind(LIST_QUESTIONS, req -> ApiResponse.ok(Map.of("items",
                s.listQuestions.list(req.principal(), orgId(req), eventId(req)))));
        router.bind(UPDATE_QUESTION, req -> ApiResponse.ok(s.updateQuestion.update(req.principal(), orgId(req),
                eventId(req), req.pathId("questionId", "question"), req.body(Question.Details.class))));
        router.bind(DELETE_QUESTION, req -> {
            s.deleteQuestion.delete(req.principal(), orgId(req), eventId(req), req.pathId("questionId", "question"));
            return ApiResponse.noContent();
        });

        router.bind(CREATE_PROMO_CODE, req -> {
            PromoCode p = s.createPromoCode.create(req.principal(), orgId(req), eventId(req), req.body(PromoCode.Details.class));
            return ApiResponse.created("/v1/orgs/" + orgId(req) + "/events/" + p.eventId() + "/promo-codes/" + p.id(), p);
        });
        router.bind(LIST_PROMO_CODES, req -> ApiResponse.ok(Map.of("items",
                s.listPromoCodes.list(req.principal(), orgId(req), eventId(req)))));
        router.bind(UPDATE_PROMO_CODE, req -> ApiResponse.ok(s.updatePromoCode.update(req.principal(), orgId(req),
                eventId(req), req.pathId("promoCodeId", "promo code"), req.body(PromoCode.Details.class))));

        router.bind(LIST_WAITLIST, req -> ApiResponse.ok(Map.of("items",
                s.listWaitlist.list(req.principal(), orgId(req), eventId(req)))));

        router.bind(DOWNLOAD_TICKETS, req -> ApiResponse.binary("application/pdf",
                s.downloadTickets.pdf(req.principal(), orgId(req), eventId(req), registrationId(req)), "tickets.pdf"));
        router.bind(LINK_TICKETS, req -> ApiResponse.ok(s.getTicketsLink.link(req.principal(), orgId(req), eventId(req),
                registrationId(req))));
        router.bind(REISSUE_TICKET, req -> ApiResponse.ok(s.reissueTicket.reissue(req.principal(), orgId(req),
                eventId(req), registrationId(req), req.pathId("ticketId", "ticket"))));
        router.bind(LIST_SIGNING_KEYS, req -> ApiResponse.ok(Map.of("items",
                s.listSigningKeys.list(req.principal(), orgId(req), eventId(req)))));
        router.bind(ROTATE_SIGNING_KEY, req -> ApiResponse.ok(
                s.rotateSigningKey.rotate(req.principal(), orgId(req), eventId(req))));
    }

    private static RegistrationQuery query(ApiRequest req) {
        var from = req.queryInstant("from").orElse(null);
        var to = req.queryInstant("to").orElse(null);
        if (from != null && to != null && !to.isAfter(from)) {
            throw new BadRequest("to", "must be after from");
        }
        String text = req.query("q").map(String::strip).filter(q -> !q.isEmpty()).orElse(null);
        if (text != null && text.length() > 200) {
            throw new BadRequest("q", "must be at most 200 characters");
        }
        return new RegistrationQuery(eventId(req),
                req.queryEnum("status", RegistrationStatus.class).orElse(null),
                req.queryUuid("ticketTypeId").orElse(null), from, to, text,
                req.query("cursor").map(c -> RegistrationCursor.decode(c)
                        .orElseThrow(() -> new BadRequest("cursor", "is not a cursor this API handed out"))).orElse(null),
                req.queryInt("limit", RegistrationQuery.DEFAULT_LIMIT, 1, RegistrationQuery.MAX_LIMIT));
    }

    private static UUID registrationId(ApiRequest req) {
        return req.pathId("registrationId", "registration");
    }
}
