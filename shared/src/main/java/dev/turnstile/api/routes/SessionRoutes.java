package dev.turnstile.api.routes;

import static dev.turnstile.api.routes.EventRoutes.eventId;
import static dev.turnstile.api.routes.EventRoutes.orgId;
import static dev.turnstile.catalogue.ApiRoutes.*;

import dev.turnstile.api.ApiRequest;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.wiring.Services;
import dev.turnstile.api.BadRequest;
import dev.turnstile.api.Router;
import dev.turnstile.session.Session;
import dev.turnstile.session.SetSessionSpeakers;
import dev.turnstile.session.Speaker;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sessions of an event, and the organization's speakers. */
public final class SessionRoutes {

    private SessionRoutes() {
    }

    /** The body of "set the speakers of a session". */
    public record SpeakersBody(List<SetSessionSpeakers.Assignment> speakers) {
    }

    public static void bind(Router router, Services s) {
        router.bind(CREATE_SESSION, req -> {
            Session session = s.createSession.create(req.principal(), orgId(req), eventId(req), req.body(Session.Details.class));
            return ApiResponse.created("/v1/orgs/" + session.orgId() + "/events/" + session.eventId() + "/sessions/"
                    + session.id(), session);
        });
        router.bind(LIST_SESSIONS, req -> ApiResponse.ok(Map.of("items",
                s.listSessions.list(req.principal(), orgId(req), eventId(req)))));
        router.bind(UPDATE_SESSION, req -> ApiResponse.ok(s.updateSession.update(req.principal(), orgId(req), eventId(req),
                sessionId(req), req.body(Session.Details.class))));
        router.bind(CANCEL_SESSION, req -> ApiResponse.ok(
                s.cancelSession.cancel(req.principal(), orgId(req), eventId(req), sessionId(req))));
        router.bind(SET_SESSION_SPEAKERS, req -> {
            SpeakersBody body = req.body(SpeakersBody.class);
            if (body.speakers() == null) {
                throw new BadRequest("speakers", "is required (an empty array removes every speaker)");
            }
            return ApiResponse.ok(s.setSessionSpeakers.set(req.principal(), orgId(req), eventId(req), sessionId(req),
                    body.speakers()));
        });

        router.bind(CREATE_SPEAKER, req -> {
            Speaker speaker = s.createSpeaker.create(req.principal(), orgId(req), req.body(Speaker.Details.class));
            return ApiResponse.created("/v1/orgs/" + speaker.orgId() + "/speakers/" + speaker.id(), speaker);
        });
        router.bind(LIST_SPEAKERS, req -> ApiResponse.ok(Map.of("items",
                s.listSpeakers.list(req.principal(), orgId(req), req.query("q").orElse(null)))));
        router.bind(GET_SPEAKER, req -> ApiResponse.ok(s.getSpeaker.get(req.principal(), orgId(req), speakerId(req))));
        router.bind(UPDATE_SPEAKER, req -> ApiResponse.ok(
                s.updateSpeaker.update(req.principal(), orgId(req), speakerId(req), req.body(Speaker.Details.class))));
        router.bind(DELETE_SPEAKER, req -> {
            s.deleteSpeaker.delete(req.principal(), orgId(req), speakerId(req));
            return ApiResponse.noContent();
        });
    }

    private static UUID sessionId(ApiRequest req) {
        return req.pathId("sessionId", "session");
    }

    private static UUID speakerId(ApiRequest req) {
        return req.pathId("speakerId", "speaker");
    }
}
