package dev.turnstile.catalogue;

import static dev.turnstile.catalogue.Access.AUTHENTICATED;
import static dev.turnstile.catalogue.Access.PUBLIC;

/** Every route of the public API: the REST routes and the GraphQL endpoint. docs/api.md describes each. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    private static final String ORG = "/v1/orgs/{orgId}";
    private static final String EVENT = ORG + "/events/{eventId}";
    private static final String SESSION = EVENT + "/sessions/{sessionId}";
    private static final String TICKET_TYPE = EVENT + "/ticket-types/{ticketTypeId}";
    private static final String SPEAKER = ORG + "/speakers/{speakerId}";
    private static final String REGISTRATION = EVENT + "/registrations/{registrationId}";
    private static final String MY_REGISTRATION = "/v1/me/registrations/{registrationId}";

    // organizations
    public static final Route GET_ME = new Route("GET", "/v1/me", AUTHENTICATED);
    public static final Route CREATE_ORGANIZATION = new Route("POST", "/v1/orgs", AUTHENTICATED);
    public static final Route LIST_MY_ORGANIZATIONS = new Route("GET", "/v1/orgs", AUTHENTICATED);
    public static final Route GET_ORGANIZATION = new Route("GET", ORG, AUTHENTICATED);
    public static final Route UPDATE_ORGANIZATION = new Route("PATCH", ORG, AUTHENTICATED);
    public static final Route GET_BRANDING = new Route("GET", ORG + "/branding", AUTHENTICATED);
    public static final Route UPDATE_BRANDING = new Route("PUT", ORG + "/branding", AUTHENTICATED);

    // events
    public static final Route CREATE_EVENT = new Route("POST", ORG + "/events", AUTHENTICATED);
    public static final Route LIST_EVENTS = new Route("GET", ORG + "/events", AUTHENTICATED);
    public static final Route GET_EVENT = new Route("GET", EVENT, AUTHENTICATED);
    public static final Route UPDATE_EVENT = new Route("PATCH", EVENT, AUTHENTICATED);
    public static final Route DELETE_EVENT = new Route("DELETE", EVENT, AUTHENTICATED);
    public static final Route PUBLISH_EVENT = new Route("POST", EVENT + "/publish", AUTHENTICATED);
    public static final Route UNPUBLISH_EVENT = new Route("POST", EVENT + "/unpublish", AUTHENTICATED);
    public static final Route ARCHIVE_EVENT = new Route("POST", EVENT + "/archive", AUTHENTICATED);
    public static final Route RESTORE_EVENT = new Route("POST", EVENT + "/restore", AUTHENTICATED);
    public static final Route CLONE_EVENT = new Route("POST", EVENT + "/clone", AUTHENTICATED);

    // sessions and speakers
    public static final Route CREATE_SESSION = new Route("POST", EVENT + "/sessions", AUTHENTICATED);
    public static final Route LIST_SESSIONS = new Route("GET", EVENT + "/sessions", AUTHENTICATED);
    public static final Route UPDATE_SESSION = new Route("PATCH", SESSION, AUTHENTICATED);
    public static final Route CANCEL_SESSION = new Route("POST", SESSION + "/cancel", AUTHENTICATED);
    public static final Route SET_SESSION_SPEAKERS = new Route("PUT", SESSION + "/speakers", AUTHENTICATED);
    public static final Route CREATE_SPEAKER = new Route("POST", ORG + "/speakers", AUTHENTICATED);
    public static final Route LIST_SPEAKERS = new Route("GET", ORG + "/speakers", AUTHENTICATED);
    public static final Route GET_SPEAKER = new Route("GET", SPEAKER, AUTHENTICATED);
    public static final Route UPDATE_SPEAKER = new Route("PATCH", SPEAKER, AUTHENTICATED);
    public static final Route DELETE_SPEAKER = new Route("DELETE", SPEAKER, AUTHENTICATED);

    // ticket types
    public static final Route CREATE_TICKET_TYPE = new Route("POST", EVENT + "/ticket-types", AUTHENTICATED);
    public static final Route LIST_TICKET_TYPES = new Route("GET", EVENT + "/ticket-types", AUTHENTICATED);
    public static final Route UPDATE_TICKET_TYPE = new Route("PATCH", TICKET_TYPE, AUTHENTICATED);
    public static final Route DEACTIVATE_TICKET_TYPE = new Route("POST", TICKET_TYPE + "/deactivate", AUTHENTICATED);
    public static final Route ACTIVATE_TICKET_TYPE = new Route("POST", TICKET_TYPE + "/activate", AUTHENTICATED);

    // attendees: registering, their registrations, the waitlist
    public static final Route REGISTER = new Route("POST", "/v1/events/{eventId}/registrations", AUTHENTICATED);
    public static final Route LIST_MY_REGISTRATIONS = new Route("GET", "/v1/me/registrations", AUTHENTICATED);
    public static final Route GET_MY_REGISTRATION = new Route("GET", MY_REGISTRATION, AUTHENTICATED);
    public static final Route CANCEL_MY_REGISTRATION = new Route("POST", MY_REGISTRATION + "/cancel", AUTHENTICATED);
    public static final Route JOIN_WAITLIST = new Route("POST", "/v1/events/{eventId}/waitlist", AUTHENTICATED);
    public static final Route LIST_MY_WAITLIST = new Route("GET", "/v1/me/waitlist", AUTHENTICATED);
    public static final Route LEAVE_WAITLIST = new Route("DELETE", "/v1/me/waitlist/{entryId}", AUTHENTICATED);
    public static final Route DOWNLOAD_MY_TICKETS = new Route("GET", MY_REGISTRATION + "/tickets.pdf", AUTHENTICATED);
    public static final Route LINK_MY_TICKETS = new Route("GET", MY_REGISTRATION + "/tickets.pdf/link", AUTHENTICATED);
    public static final Route GET_MY_TICKET_QR = new Route("GET", MY_REGISTRATION + "/tickets/{ticketId}/qr", AUTHENTICATED);

    // payments: the buyer pays a pending registration; the providers' webhooks (verified by signature, not by token)
    public static final Route START_PAYMENT = new Route("POST", MY_REGISTRATION + "/payments", AUTHENTICATED);
    public static final Route STRIPE_WEBHOOK = new Route("POST", "/v1/webhooks/stripe", PUBLIC);
    public static final Route PAYPAL_WEBHOOK = new Route("POST", "/v1/webhooks/paypal", PUBLIC);
    public static final Route REFUND_REGISTRATION = new Route("POST", REGISTRATION + "/refunds", AUTHENTICATED);

    // invoices and tax (docs/payments.md): the organization's tax rates, the rate of each ticket type, the PDFs
    public static final Route CREATE_TAX_RATE = new Route("POST", ORG + "/tax-rates", AUTHENTICATED);
    public static final Route LIST_TAX_RATES = new Route("GET", ORG + "/tax-rates", AUTHENTICATED);
    public static final Route SET_TICKET_TYPE_TAX_RATE = new Route("PUT", TICKET_TYPE + "/tax-rate", AUTHENTICATED);
    public static final Route DOWNLOAD_INVOICE = new Route("GET", REGISTRATION + "/invoice.pdf", AUTHENTICATED);
    public static final Route DOWNLOAD_MY_INVOICE = new Route("GET", MY_REGISTRATION + "/invoice.pdf", AUTHENTICATED);

    // organizers: registrations, questions, promo codes, registration settings, the waitlist
    public static final Route LIST_REGISTRATIONS = new Route("GET", EVENT + "/registrations", AUTHENTICATED);
    public static final Route GET_REGISTRATION = new Route("GET", REGISTRATION, AUTHENTICATED);
    public static final Route CANCEL_REGISTRATION = new Route("POST", REGISTRATION + "/cancel", AUTHENTICATED);
    public static final Route GET_REGISTRATION_SETTINGS = new Route("GET", EVENT + "/registration-settings", AUTHENTICATED);
    public static final Route UPDATE_REGISTRATION_SETTINGS = new Route("PUT", EVENT + "/registration-settings", AUTHENTICATED);
    public static final Route CREATE_QUESTION = new Route("POST", EVENT + "/questions", AUTHENTICATED);
    public static final Route LIST_QUESTIONS = new Route("GET", EVENT + "/questions", AUTHENTICATED);
    public static final Route UPDATE_QUESTION = new Route("PATCH", EVENT + "/questions/{questionId}", AUTHENTICATED);
    public static final Route DELETE_QUESTION = new Route("DELETE", EVENT + "/questions/{questionId}", AUTHENTICATED);
    public static final Route CREATE_PROMO_CODE = new Route("POST", EVENT + "/promo-codes", AUTHENTICATED);
    public static final Route LIST_PROMO_CODES = new Route("GET", EVENT + "/promo-codes", AUTHENTICATED);
    public static final Route UPDATE_PROMO_CODE = new Route("PATCH", EVENT + "/promo-codes/{promoCodeId}", AUTHENTICATED);
    public static final Route LIST_WAITLIST = new Route("GET", EVENT + "/waitlist", AUTHENTICATED);
    public static final Route DOWNLOAD_TICKETS = new Route("GET", REGISTRATION + "/tickets.pdf", AUTHENTICATED);
    public static final Route LINK_TICKETS = new Route("GET", REGISTRATION + "/tickets.pdf/link", AUTHENTICATED);
    public static final Route REISSUE_TICKET = new Route("POST", REGISTRATION + "/tickets/{ticketId}/reissue", AUTHENTICATED);
    public static final Route LIST_SIGNING_KEYS = new Route("GET", EVENT + "/signing-keys", AUTHENTICATED);
    public static final Route ROTATE_SIGNING_KEY = new Route("POST", EVENT + "/signing-keys/rotate", AUTHENTICATED);

    // door staff: check-in (docs/check-in.md)
    public static final Route CHECK_IN = new Route("POST", EVENT + "/check-ins", AUTHENTICATED);
    public static final Route UNDO_CHECK_IN = new Route("POST", EVENT + "/check-ins/undo", AUTHENTICATED);
    public static final Route FIND_ATTENDEES = new Route("GET", EVENT + "/check-ins/attendees", AUTHENTICATED);
    public static final Route OFFLINE_KIT = new Route("GET", EVENT + "/check-ins/offline-kit", AUTHENTICATED);
    public static final Route SYNC_CHECK_INS = new Route("POST", EVENT + "/check-ins/sync", AUTHENTICATED);
    /** The live dashboard's counts, as its WebSocket pushes them (docs/check-in.md, "Live dashboard"). */
    public static final Route GET_DASHBOARD = new Route("GET", EVENT + "/check-ins/dashboard", AUTHENTICATED);

    // public pages' data
    public static final Route LIST_PUBLIC_EVENTS = new Route("GET", "/v1/public/orgs/{orgSlug}/events", PUBLIC);
    public static final Route GET_PUBLIC_EVENT = new Route("GET", "/v1/public/orgs/{orgSlug}/events/{eventSlug}", PUBLIC);
    public static final Route GET_REGISTRATION_FORM = new Route("GET", "/v1/public/events/{eventId}/registration-form", PUBLIC);

    // GraphQL: the read queries of graphql/schema.graphql, resolved by the same use cases as the REST routes
    public static final Route GRAPHQL = new Route("POST", Route.GRAPHQL_PATH, AUTHENTICATED);
}
