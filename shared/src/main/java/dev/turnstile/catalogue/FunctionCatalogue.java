package dev.turnstile.catalogue;

import static dev.turnstile.catalogue.ApiRoutes.*;

import java.util.List;

/**
 * The one list of functions. The CDK app builds one Lambda per entry with its API Gateway routes;
 * the local runtime serves the same routes with the same handler classes. A route therefore cannot
 * exist in one host and not in the other.
 */
public final class FunctionCatalogue {

    private FunctionCatalogue() {
    }

    private static final String API_MODULE = "functions/api";
    private static final String API_PACKAGE = "dev.turnstile.functions.api.";

    public static final FunctionSpec ORGANIZATIONS = new FunctionSpec(
            "organizations", API_PACKAGE + "OrganizationsFunction", API_MODULE, 1024,
            List.of(GET_ME, CREATE_ORGANIZATION, LIST_MY_ORGANIZATIONS, GET_ORGANIZATION,
                    UPDATE_ORGANIZATION, GET_BRANDING, UPDATE_BRANDING));

    public static final FunctionSpec EVENTS = new FunctionSpec(
            "events", API_PACKAGE + "EventsFunction", API_MODULE, 1024,
            List.of(CREATE_EVENT, LIST_EVENTS, GET_EVENT, UPDATE_EVENT, DELETE_EVENT, PUBLISH_EVENT,
                    UNPUBLISH_EVENT, ARCHIVE_EVENT, RESTORE_EVENT, CLONE_EVENT));

    public static final FunctionSpec SESSIONS = new FunctionSpec(
            "sessions", API_PACKAGE + "SessionsFunction", API_MODULE, 1024,
            List.of(CREATE_SESSION, LIST_SESSIONS, UPDATE_SESSION, CANCEL_SESSION, SET_SESSION_SPEAKERS,
                    CREATE_SPEAKER, LIST_SPEAKERS, GET_SPEAKER, UPDATE_SPEAKER, DELETE_SPEAKER));

    public static final FunctionSpec TICKET_TYPES = new FunctionSpec(
            "ticket-types", API_PACKAGE + "TicketTypesFunction", API_MODULE, 1024,
            List.of(CREATE_TICKET_TYPE, LIST_TICKET_TYPES, UPDATE_TICKET_TYPE, DEACTIVATE_TICKET_TYPE,
                    ACTIVATE_TICKET_TYPE));

    public static final FunctionSpec PUBLIC_EVENTS = new FunctionSpec(
            "public-events", API_PACKAGE + "PublicEventsFunction", API_MODULE, 1024,
            List.of(LIST_PUBLIC_EVENTS, GET_PUBLIC_EVENT));

    public static List<FunctionSpec> all() {
        return List.of(ORGANIZATIONS, EVENTS, SESSIONS, TICKET_TYPES, PUBLIC_EVENTS);
    }
}
