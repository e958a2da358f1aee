package dev.turnstile.api.routes;

import static dev.turnstile.catalogue.ApiRoutes.*;

import dev.turnstile.api.ApiRequest;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.wiring.Services;
import dev.turnstile.api.BadRequest;
import dev.turnstile.api.Router;
import dev.turnstile.event.ChangeEventStatus.Transition;
import dev.turnstile.event.CloneEvent;
import dev.turnstile.event.Event;
import dev.turnstile.event.EventCursor;
import dev.turnstile.event.EventQuery;
import dev.turnstile.event.EventStatus;
import dev.turnstile.event.EventType;
import dev.turnstile.event.Visibility;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** An organization's events: CRUD, lifecycle, listing and cloning. */
public final class EventRoutes {

    private EventRoutes() {
    }

    public static void bind(Router router, Services s) {
        router.bind(CREATE_EVENT, req -> {
            UUID orgId = orgId(req);
            Event event = s.createEvent.create(req.principal(), orgId, req.body(Event.Details.class));
            return ApiResponse.created(location(event), event);
        });
        router.bind(LIST_EVENTS, req -> ApiResponse.ok(s.listEvents.list(req.principal(), orgId(req), query(req))));
        router.bind(GET_EVENT, req -> ApiResponse.ok(s.getEvent.get(req.principal(), orgId(req), eventId(req))));
        router.bind(UPDATE_EVENT, req -> ApiResponse.ok(
                s.updateEvent.update(req.principal(), orgId(req), eventId(req), req.body(Event.Details.class))));
        router.bind(DELETE_EVENT, req -> {
            if (req.queryFlag("hard")) {
                s.deleteEventPermanently.delete(req.principal(), orgId(req), eventId(req));
                return ApiResponse.noContent();
            }
            return ApiResponse.ok(s.changeEventStatus.apply(req.principal(), orgId(req), eventId(req), Transition.DELETE));
        });
        bindTransition(router, s, PUBLISH_EVENT, Transition.PUBLISH);
        bindTransition(router, s, UNPUBLISH_EVENT, Transition.UNPUBLISH);
        bindTransition(router, s, ARCHIVE_EVENT, Transition.ARCHIVE);
        bindTransition(router, s, RESTORE_EVENT, Transition.RESTORE);
        router.bind(CLONE_EVENT, req -> {
            Event clone = s.cloneEvent.cloneEvent(req.principal(), orgId(req), eventId(req), req.body(CloneEvent.Command.class));
            return ApiResponse.created(location(clone), clone);
        });
    }

    private static void bindTransition(Router router, Services s, dev.turnstile.catalogue.Route route, Transition t) {
        router.bind(route, req -> ApiResponse.ok(s.changeEventStatus.apply(req.principal(), orgId(req), eventId(req), t)));
    }

    private static EventQuery query(ApiRequest req) {
        Set<EventStatus> statuses = req.query("status").map(EventRoutes::statuses).orElse(null);
        String text = req.query("q").map(String::strip).filter(q -> !q.isEmpty()).orElse(null);
        if (text != null && text.length() > 200) {
            throw new BadRequest("q", "must be at most 200 characters");
        }
        var from = req.queryInstant("from").orElse(null);
        var to = req.queryInstant("to").orElse(null);
        if (from != null && to != null && !to.isAfter(from)) {
            throw new BadRequest("to", "must be after from");
        }
        return new EventQuery(statuses, text, from, to, null,
                req.queryEnum("type", EventType.class).orElse(null),
                req.queryEnum("visibility", Visibility.class).orElse(null),
                req.queryUuid("seriesId").orElse(null),
                req.query("tag").orElse(null),
                req.query("cursor").map(EventRoutes::cursor).orElse(null),
                req.queryInt("limit", EventQuery.DEFAULT_LIMIT, 1, EventQuery.MAX_LIMIT));
    }

    /** {@code status=draft,published}, or {@code all} for every status including deleted. */
    private static Set<EventStatus> statuses(String value) {
        if (value.equals("all")) {
            return EnumSet.allOf(EventStatus.class);
        }
        Set<EventStatus> statuses = EnumSet.noneOf(EventStatus.class);
        for (String part : value.split(",")) {
            statuses.add(ApiRequest.parseEnum("status", part.strip(), EventStatus.class));
        }
        return statuses;
    }

    private static dev.turnstile.event.EventRepository.Position cursor(String value) {
        try {
            return EventCursor.decode(value);
        } catch (dev.turnstile.common.Invalid e) {
            throw new BadRequest("cursor", "is not a cursor this API handed out");
        }
    }

    static UUID orgId(ApiRequest req) {
        return req.pathId("orgId", "organization");
    }

    static UUID eventId(ApiRequest req) {
        return req.pathId("eventId", "event");
    }

    private static String location(Event e) {
        return "/v1/orgs/" + e.orgId() + "/events/" + e.id();
    }
}
