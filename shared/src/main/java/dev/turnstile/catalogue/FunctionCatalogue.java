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
            List.of(LIST_PUBLIC_EVENTS, GET_PUBLIC_EVENT, GET_REGISTRATION_FORM));

    /**
     * The GraphQL endpoint: one function executes the whole document with graphql-java against
     * graphql/schema.graphql, each field resolved by the use case of the matching REST route
     * (docs/infrastructure.md, "GraphQL": why both this and AppSync). Reads only: PostgreSQL, nothing more.
     */
    public static final FunctionSpec GRAPHQL = new FunctionSpec(
            "graphql", API_PACKAGE + "GraphqlFunction", API_MODULE, 1024, List.of(ApiRoutes.GRAPHQL));

    /**
     * AppSync's resolver: AWS's GraphQL API invokes it as the direct Lambda resolver of each field
     * of Query, and it answers the field through the same engine and use cases as {@link #GRAPHQL}
     * (docs/infrastructure.md, "GraphQL": the two hosts). Reads only: PostgreSQL, nothing more.
     */
    public static final FunctionSpec GRAPHQL_RESOLVER = FunctionSpec.graphqlFields(
            "graphql-resolver", API_PACKAGE + "GraphqlResolverFunction", API_MODULE, 1024,
            new GraphqlFields(GraphqlFields.QUERY, "every root query field of the AppSync API"));

    /** Attendees: the flash-sale path. Sized up: memory buys CPU, and CPU is the registration's latency. */
    public static final FunctionSpec REGISTRATIONS = new FunctionSpec(
            "registrations", API_PACKAGE + "RegistrationsFunction", API_MODULE, 2048,
            List.of(REGISTER, LIST_MY_REGISTRATIONS, GET_MY_REGISTRATION, CANCEL_MY_REGISTRATION, JOIN_WAITLIST,
                    LIST_MY_WAITLIST, LEAVE_WAITLIST, DOWNLOAD_MY_TICKETS, LINK_MY_TICKETS, GET_MY_TICKET_QR))
            .using(Resource.DOOR_TABLE, Resource.TICKET_FILES);

    public static final FunctionSpec REGISTRATION_ADMIN = new FunctionSpec(
            "registration-admin", API_PACKAGE + "RegistrationAdminFunction", API_MODULE, 1024,
            List.of(LIST_REGISTRATIONS, GET_REGISTRATION, CANCEL_REGISTRATION, GET_REGISTRATION_SETTINGS,
                    UPDATE_REGISTRATION_SETTINGS, CREATE_QUESTION, LIST_QUESTIONS, UPDATE_QUESTION, DELETE_QUESTION,
                    CREATE_PROMO_CODE, LIST_PROMO_CODES, UPDATE_PROMO_CODE, LIST_WAITLIST, DOWNLOAD_TICKETS,
                    LINK_TICKETS, REISSUE_TICKET, LIST_SIGNING_KEYS, ROTATE_SIGNING_KEY))
            .using(Resource.DOOR_TABLE, Resource.TICKET_FILES);

    /**
     * Door staff: the scan path. Its own function and module so that it keeps the smallest jar and
     * a warm, primed container of its own (docs/check-in.md, "Latency budget").
     */
    public static final FunctionSpec CHECK_IN = new FunctionSpec(
            "check-in", "dev.turnstile.functions.checkin.CheckInFunction", "functions/checkin", 1024,
            List.of(ApiRoutes.CHECK_IN, UNDO_CHECK_IN, FIND_ATTENDEES, OFFLINE_KIT, SYNC_CHECK_INS, GET_DASHBOARD))
            .using(Resource.DOOR_TABLE, Resource.EVENT_BUS);

    /**
     * Keeps PostgreSQL's check_ins in line with the hot table, from the check-in events: up to 100
     * a batch (one BatchGetItem, one commit per organization), within a second of the first.
     */
    public static final FunctionSpec CHECK_IN_RECORDER = FunctionSpec.queued(
            "check-in-recorder", "dev.turnstile.functions.checkin.CheckInRecorderFunction", "functions/checkin", 1024,
            new QueueSource("check-ins", "every check-in event (source turnstile.checkin)", 100, 1))
            .using(Resource.DOOR_TABLE);

    /** The buyer starts or retries paying a pending registration; organizers refund; tax rates and invoices. */
    public static final FunctionSpec PAYMENTS = new FunctionSpec(
            "payments", API_PACKAGE + "PaymentsFunction", API_MODULE, 1024, List.of(START_PAYMENT, REFUND_REGISTRATION,
                    CREATE_TAX_RATE, LIST_TAX_RATES, SET_TICKET_TYPE_TAX_RATE, DOWNLOAD_INVOICE, DOWNLOAD_MY_INVOICE))
            // a payment can confirm or end a registration: the door's copy of its tickets follows;
            // starting a payment starts the workflow that watches it
            .using(Resource.DOOR_TABLE, Resource.PAYMENT_SECRETS, Resource.PAYMENT_WORKFLOW);

    /** Stripe's and PayPal's webhooks: public routes, each delivery verified by its provider's signature. */
    public static final FunctionSpec PAYMENT_WEBHOOKS = new FunctionSpec(
            "payment-webhooks", API_PACKAGE + "PaymentWebhooksFunction", API_MODULE, 1024,
            List.of(STRIPE_WEBHOOK, PAYPAL_WEBHOOK))
            .using(Resource.DOOR_TABLE, Resource.PAYMENT_SECRETS);

    /** The payment runner's step: pending refunds, and cancelling open attempts of ended registrations. */
    public static final FunctionSpec PAYMENT_FOLLOW_UPS = FunctionSpec.scheduled(
            "payment-follow-ups", "dev.turnstile.functions.workers.PaymentFollowUpsFunction", "functions/workers", 1024,
            new Schedule("rate(1 minute)", "execute pending refunds and cancel payments of ended registrations"))
            .using(Resource.DOOR_TABLE, Resource.PAYMENT_SECRETS);

    /**
     * The payment workflow's task states: one named step ({@code check}, {@code release-hold},
     * {@code follow-up}) for one registration. Calls the providers (the follow-up cancels open attempts).
     */
    public static final FunctionSpec PAYMENT_STEPS = FunctionSpec.workflowTask(
            "payment-steps", "dev.turnstile.functions.workers.PaymentStepsFunction", "functions/workers", 1024,
            new WorkflowTask(WorkflowTask.PAYMENT, "check a registration being paid, release its hold, follow up"))
            .using(Resource.DOOR_TABLE, Resource.PAYMENT_SECRETS);

    /**
     * The reconciliation: compares recent payments with their provider, repairs drift through the
     * workflow's own steps and flags the rest (payment_discrepancies).
     */
    public static final FunctionSpec PAYMENT_RECONCILIATION = FunctionSpec.scheduled(
            "payment-reconciliation", "dev.turnstile.functions.workers.PaymentReconciliationFunction",
            "functions/workers", 1024,
            new Schedule("rate(15 minutes)", "compare recent payments with their provider; repair or flag drift"))
            // it reads payments back from the providers, and a repair can confirm or end a registration
            .using(Resource.DOOR_TABLE, Resource.PAYMENT_SECRETS);

    /** The door's repair path: ticket changes whose after-commit refresh of the check-in table is not confirmed. */
    public static final FunctionSpec DOOR_REPAIR = FunctionSpec.scheduled(
            "door-repair", "dev.turnstile.functions.checkin.DoorRepairFunction", "functions/checkin", 1024,
            new Schedule("rate(1 minute)", "bring unconfirmed ticket changes to the check-in table"))
            .using(Resource.DOOR_TABLE);

    /**
     * The live dashboard's WebSocket routes: opens (authorized like the REST routes), closes, and
     * answers snapshot requests. Small: it reads and writes connection items and the counts.
     */
    public static final FunctionSpec DASHBOARD_SOCKET = FunctionSpec.webSocket(
            "dashboard-socket", "dev.turnstile.functions.checkin.DashboardSocketFunction", "functions/checkin", 1024,
            List.of(WebSocketRoute.CONNECT, WebSocketRoute.DISCONNECT, WebSocketRoute.DEFAULT))
            .using(Resource.DOOR_TABLE, Resource.WEBSOCKET_CONNECTIONS);

    /**
     * Pushes each event's counts to its dashboard connections after scans, from the check-in events
     * in order, one batch at a time (docs/check-in.md, "Live dashboard": why one at a time).
     */
    public static final FunctionSpec DASHBOARD_PUSH = FunctionSpec.onBusEvents(
            "dashboard-push", "dev.turnstile.functions.checkin.DashboardPushFunction", "functions/checkin", 1024,
            new BusEvents("turnstile.checkin", "every check-in event, to the live dashboards", 10))
            .using(Resource.DOOR_TABLE, Resource.WEBSOCKET_CONNECTIONS);

    /** Releases expired holds and waitlist offers, and offers freed seats to the waitlist. */
    public static final FunctionSpec HOLD_EXPIRY = FunctionSpec.scheduled(
            "hold-expiry", "dev.turnstile.functions.workers.HoldExpiryFunction", "functions/workers", 1024,
            new Schedule("rate(1 minute)", "expire registration holds and waitlist offers"))
            .using(Resource.DOOR_TABLE);

    /** Every function, whatever invokes it. */
    public static List<FunctionSpec> all() {
        return List.of(ORGANIZATIONS, EVENTS, SESSIONS, TICKET_TYPES, PUBLIC_EVENTS, REGISTRATIONS, REGISTRATION_ADMIN,
                PAYMENTS, PAYMENT_WEBHOOKS, CHECK_IN, HOLD_EXPIRY, PAYMENT_FOLLOW_UPS, DOOR_REPAIR, CHECK_IN_RECORDER,
                DASHBOARD_SOCKET, DASHBOARD_PUSH, PAYMENT_STEPS, PAYMENT_RECONCILIATION, GRAPHQL, GRAPHQL_RESOLVER);
    }

    /** The functions AppSync invokes as direct Lambda resolvers. */
    public static List<FunctionSpec> graphqlResolvers() {
        return all().stream().filter(f -> !f.graphqlFields().isEmpty()).toList();
    }

    /** The functions behind the REST API. */
    public static List<FunctionSpec> http() {
        return all().stream().filter(FunctionSpec::isHttp).toList();
    }

    /** The functions that run on a schedule. */
    public static List<FunctionSpec> scheduled() {
        return all().stream().filter(f -> !f.schedules().isEmpty()).toList();
    }

    /** The functions whose steps a workflow runs. */
    public static List<FunctionSpec> workflowTasks() {
        return all().stream().filter(f -> !f.workflowTasks().isEmpty()).toList();
    }

    /** The functions behind the WebSocket API. */
    public static List<FunctionSpec> webSocket() {
        return all().stream().filter(f -> !f.webSocketRoutes().isEmpty()).toList();
    }

    /** The functions that receive bus events in order. */
    public static List<FunctionSpec> onBusEvents() {
        return all().stream().filter(f -> !f.busEvents().isEmpty()).toList();
    }

    /** The functions that consume a queue. */
    public static List<FunctionSpec> queued() {
        return all().stream().filter(f -> !f.queues().isEmpty()).toList();
    }
}
