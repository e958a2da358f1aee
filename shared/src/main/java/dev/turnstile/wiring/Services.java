package dev.turnstile.wiring;

import dev.turnstile.adapters.crypto.AesGcmKeySealer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import com.zaxxer.hikari.HikariDataSource;
import dev.turnstile.adapters.jdbc.DataSources;
import dev.turnstile.adapters.jdbc.SnapStartConnections;
import dev.turnstile.adapters.jdbc.IamAuthDataSources;
import dev.turnstile.adapters.jdbc.JdbcSigningKeys;
import dev.turnstile.ticketcode.KeySealer;
import dev.turnstile.ticketcode.TicketSigner;
import dev.turnstile.adapters.jdbc.JdbcDueWork;
import dev.turnstile.adapters.jdbc.JdbcInventory;
import dev.turnstile.adapters.jdbc.JdbcOutbox;
import dev.turnstile.adapters.jdbc.JdbcRegistrationInputs;
import dev.turnstile.adapters.jdbc.JdbcPromoCodes;
import dev.turnstile.adapters.jdbc.JdbcQuestions;
import dev.turnstile.adapters.jdbc.JdbcRegistrationSettings;
import dev.turnstile.adapters.jdbc.JdbcRegistrations;
import dev.turnstile.adapters.jdbc.JdbcWaitlist;
import dev.turnstile.adapters.jdbc.JdbcEvents;
import dev.turnstile.adapters.jdbc.JdbcMemberships;
import dev.turnstile.adapters.jdbc.JdbcOrganizations;
import dev.turnstile.adapters.jdbc.JdbcSessions;
import dev.turnstile.adapters.jdbc.JdbcSpeakers;
import dev.turnstile.adapters.jdbc.JdbcTicketTypes;
import dev.turnstile.adapters.jdbc.JdbcTransactions;
import dev.turnstile.adapters.jdbc.JdbcUsers;
import dev.turnstile.adapters.jdbc.Sql;
import dev.turnstile.adapters.jwt.JwksTokenVerifier;
import dev.turnstile.event.ChangeEventStatus;
import dev.turnstile.event.CloneEvent;
import dev.turnstile.event.CreateEvent;
import dev.turnstile.event.DeleteEventPermanently;
import dev.turnstile.event.GetEvent;
import dev.turnstile.event.GetPublicEvent;
import dev.turnstile.event.ListEvents;
import dev.turnstile.event.ListPublicEvents;
import dev.turnstile.event.UpdateEvent;
import dev.turnstile.identity.TokenVerifier;
import dev.turnstile.organization.CreateOrganization;
import dev.turnstile.organization.GetBranding;
import dev.turnstile.organization.GetOrganization;
import dev.turnstile.organization.ListMyOrganizations;
import dev.turnstile.organization.UpdateBranding;
import dev.turnstile.organization.UpdateOrganization;
import dev.turnstile.registration.CancelMyRegistration;
import dev.turnstile.registration.CancelRegistration;
import dev.turnstile.registration.CreatePromoCode;
import dev.turnstile.registration.CreateQuestion;
import dev.turnstile.registration.DeleteQuestion;
import dev.turnstile.registration.ExpireHolds;
import dev.turnstile.registration.GetMyRegistration;
import dev.turnstile.registration.GetRegistration;
import dev.turnstile.registration.GetRegistrationForm;
import dev.turnstile.registration.GetRegistrationSettings;
import dev.turnstile.registration.JoinWaitlist;
import dev.turnstile.registration.LeaveWaitlist;
import dev.turnstile.registration.ListMyRegistrations;
import dev.turnstile.registration.ListMyWaitlist;
import dev.turnstile.registration.ListPromoCodes;
import dev.turnstile.registration.ListQuestions;
import dev.turnstile.registration.ListRegistrations;
import dev.turnstile.registration.ListWaitlist;
import dev.turnstile.registration.Register;
import dev.turnstile.registration.DownloadMyTickets;
import dev.turnstile.registration.DownloadTickets;
import dev.turnstile.registration.GetMyTicketQr;
import dev.turnstile.registration.ReissueTicket;
import dev.turnstile.registration.GetMyTicketsLink;
import dev.turnstile.registration.GetTicketsLink;
import dev.turnstile.registration.TicketFiles;
import dev.turnstile.registration.TicketPdfLinks;
import dev.turnstile.adapters.s3.S3TicketFiles;
import dev.turnstile.catalogue.Resource;
import dev.turnstile.catalogue.BrowserAccess;
import dev.turnstile.catalogue.FunctionSpec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import dev.turnstile.registration.Seats;
import dev.turnstile.registration.Sheets;
import dev.turnstile.registration.SeatGate;
import dev.turnstile.registration.TicketRenderer;
import dev.turnstile.adapters.render.ZxingPdfboxRenderer;
import dev.turnstile.ticketcode.ListSigningKeys;
import dev.turnstile.ticketcode.RotateSigningKey;
import dev.turnstile.registration.UpdatePromoCode;
import dev.turnstile.registration.UpdateQuestion;
import dev.turnstile.registration.UpdateRegistrationSettings;
import dev.turnstile.session.CancelSession;
import dev.turnstile.session.CreateSession;
import dev.turnstile.session.CreateSpeaker;
import dev.turnstile.session.DeleteSpeaker;
import dev.turnstile.session.GetSpeaker;
import dev.turnstile.session.ListSessions;
import dev.turnstile.session.ListSpeakers;
import dev.turnstile.session.SetSessionSpeakers;
import dev.turnstile.session.UpdateSession;
import dev.turnstile.session.UpdateSpeaker;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.CreateTicketType;
import dev.turnstile.ticket.ListTicketTypes;
import dev.turnstile.ticket.SetTicketTypeActive;
import dev.turnstile.ticket.UpdateTicketType;
import dev.turnstile.adapters.dynamodb.CheckInTable;
import dev.turnstile.adapters.dynamodb.DynamoDoorState;
import dev.turnstile.adapters.events.EventBridgeCheckInEvents;
import dev.turnstile.adapters.jdbc.JdbcTicketSource;
import dev.turnstile.checkin.CheckInTicket;
import dev.turnstile.checkin.DoorFacts;
import dev.turnstile.checkin.DoorSyncingOutbox;
import dev.turnstile.checkin.ExportOfflineKit;
import dev.turnstile.checkin.FindAttendees;
import dev.turnstile.checkin.SyncOfflineScans;
import dev.turnstile.checkin.RecordCheckIns;
import dev.turnstile.checkin.RepairDoor;
import dev.turnstile.adapters.jdbc.JdbcDoorBacklog;
import dev.turnstile.adapters.jdbc.JdbcCheckInLedger;
import dev.turnstile.checkin.SyncDoorTickets;
import dev.turnstile.checkin.UndoCheckIn;
import dev.turnstile.checkin.ConnectDashboard;
import dev.turnstile.checkin.DashboardConnections;
import dev.turnstile.checkin.DashboardTally;
import dev.turnstile.checkin.DisconnectDashboard;
import dev.turnstile.checkin.GetDashboardCounts;
import dev.turnstile.checkin.PushDashboardCounts;
import dev.turnstile.checkin.SendDashboardSnapshot;
import dev.turnstile.adapters.dynamodb.DynamoDashboardConnections;
import dev.turnstile.adapters.websocket.ApiGatewayConnectionPoster;
import dev.turnstile.registration.Outbox;
import dev.turnstile.adapters.jdbc.JdbcPaymentLookups;
import dev.turnstile.adapters.jdbc.JdbcPayments;
import dev.turnstile.payment.HandlePaymentWebhook;
import dev.turnstile.payment.PaymentProviders;
import dev.turnstile.payment.PaymentStates;
import dev.turnstile.payment.RefundRegistration;
import dev.turnstile.payment.ReconcilePayments;
import dev.turnstile.adapters.jdbc.JdbcInvoices;
import dev.turnstile.adapters.jdbc.JdbcTaxRates;
import dev.turnstile.adapters.render.PdfboxInvoiceRenderer;
import dev.turnstile.invoice.CreateTaxRate;
import dev.turnstile.invoice.DownloadInvoice;
import dev.turnstile.invoice.DownloadMyInvoice;
import dev.turnstile.invoice.InvoiceRenderer;
import dev.turnstile.invoice.IssueInvoice;
import dev.turnstile.invoice.ListTaxRates;
import dev.turnstile.invoice.SetTicketTypeTaxRate;
import dev.turnstile.payment.RunPaymentFollowUps;
import dev.turnstile.payment.StartPayment;
import dev.turnstile.registration.ConfirmPaidRegistration;
import java.time.Clock;
import javax.sql.DataSource;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import dev.turnstile.adapters.workflow.StepFunctionsPaymentWorkflow;
import dev.turnstile.paymentflow.PaymentWorkflow;
import dev.turnstile.paymentflow.RunPaymentStep;
import dev.turnstile.paymentflow.WatchPayment;

/**
 * The composition root of the core: adapters wired into use cases by hand (no reflection, nothing
 * scanned), built once per Lambda container at init, or once by the local runtime. Every function,
 * HTTP or scheduled, takes one of these.
 */
public final class Services {

    public final TokenVerifier tokens;

    public final CreateOrganization createOrganization;
    public final ListMyOrganizations listMyOrganizations;
    public final GetOrganization getOrganization;
    public final UpdateOrganization updateOrganization;
    public final GetBranding getBranding;
    public final UpdateBranding updateBranding;

    public final CreateEvent createEvent;
    public final GetEvent getEvent;
    public final UpdateEvent updateEvent;
    public final ListEvents listEvents;
    public final ChangeEventStatus changeEventStatus;
    public final DeleteEventPermanently deleteEventPermanently;
    public final CloneEvent cloneEvent;
    public final GetPublicEvent getPublicEvent;
    public final ListPublicEvents listPublicEvents;

    public final CreateSession createSession;
    public final UpdateSession updateSession;
    public final CancelSession cancelSession;
    public final ListSessions listSessions;
    public final SetSessionSpeakers setSessionSpeakers;
    public final CreateSpeaker createSpeaker;
    public final GetSpeaker getSpeaker;
    public final ListSpeakers listSpeakers;
    public final UpdateSpeaker updateSpeaker;
    public final DeleteSpeaker deleteSpeaker;

    public final CreateTicketType createTicketType;
    public final UpdateTicketType updateTicketType;
    public final ListTicketTypes listTicketTypes;
    public final SetTicketTypeActive setTicketTypeActive;

    public final Register register;
    public final CancelRegistration cancelRegistration;
    public final CancelMyRegistration cancelMyRegistration;
    public final ExpireHolds expireHolds;
    public final ListRegistrations listRegistrations;
    public final GetRegistration getRegistration;
    public final ListMyRegistrations listMyRegistrations;
    public final GetMyRegistration getMyRegistration;
    public final JoinWaitlist joinWaitlist;
    public final LeaveWaitlist leaveWaitlist;
    public final ListMyWaitlist listMyWaitlist;
    public final ListWaitlist listWaitlist;
    public final CreateQuestion createQuestion;
    public final UpdateQuestion updateQuestion;
    public final DeleteQuestion deleteQuestion;
    public final ListQuestions listQuestions;
    public final CreatePromoCode createPromoCode;
    public final UpdatePromoCode updatePromoCode;
    public final ListPromoCodes listPromoCodes;
    public final GetRegistrationSettings getRegistrationSettings;
    public final UpdateRegistrationSettings updateRegistrationSettings;
    public final GetRegistrationForm getRegistrationForm;
    public final DownloadMyTickets downloadMyTickets;
    public final DownloadTickets downloadTickets;
    public final GetMyTicketQr getMyTicketQr;
    public final GetMyTicketsLink getMyTicketsLink;
    public final GetTicketsLink getTicketsLink;
    public final ReissueTicket reissueTicket;
    public final ListSigningKeys listSigningKeys;
    public final RotateSigningKey rotateSigningKey;

    public final CheckInTicket checkInTicket;
    public final UndoCheckIn undoCheckIn;
    public final FindAttendees findAttendees;
    public final ExportOfflineKit exportOfflineKit;
    public final SyncOfflineScans syncOfflineScans;
    public final SyncDoorTickets syncDoorTickets;
    public final RecordCheckIns recordCheckIns;
    public final RepairDoor repairDoor;

    public final ConnectDashboard connectDashboard;
    public final DisconnectDashboard disconnectDashboard;
    public final SendDashboardSnapshot sendDashboardSnapshot;
    public final PushDashboardCounts pushDashboardCounts;
    public final GetDashboardCounts getDashboardCounts;

    public final StartPayment startPayment;
    public final HandlePaymentWebhook handlePaymentWebhook;
    public final RunPaymentFollowUps runPaymentFollowUps;
    public final RefundRegistration refundRegistration;
    public final ReconcilePayments reconcilePayments;
    public final CreateTaxRate createTaxRate;
    public final ListTaxRates listTaxRates;
    public final SetTicketTypeTaxRate setTicketTypeTaxRate;
    public final DownloadInvoice downloadInvoice;
    public final DownloadMyInvoice downloadMyInvoice;

    /** The payment workflow's steps, and its start after a payment start (docs/payments.md, "The payment workflow"). */
    public final RunPaymentStep runPaymentStep;
    public final WatchPayment watchPayment;
    /** None until a host plugs its runner in ({@link #usePaymentWorkflow}): the sweeps alone then release holds. */
    private volatile PaymentWorkflow paymentWorkflow = PaymentWorkflow.none();

    /** For tests: a fresh sealing key per process (the keys it seals live only as long as their database); no ticket files, no payment providers. */
    public Services(DataSource appDataSource, TokenVerifier tokens, DoorPorts door, Clock clock) {
        this(appDataSource, tokens, door, TicketFiles.none(), clock);
    }

    /** For tests: a fresh sealing key per process, ticket PDFs in the given store. */
    public Services(DataSource appDataSource, TokenVerifier tokens, DoorPorts door, TicketFiles ticketFiles, Clock clock) {
        this(appDataSource, tokens, AesGcmKeySealer.forDevelopment(java.util.UUID.randomUUID().toString()), door,
                ticketFiles, TicketPdfLinks.DEFAULT_VALIDITY, PaymentProviders.none(), clock);
    }

    /** For tests: a fresh sealing key per process, the given payment providers. */
    public Services(DataSource appDataSource, TokenVerifier tokens, DoorPorts door, PaymentProviders providers, Clock clock) {
        this(appDataSource, tokens, AesGcmKeySealer.forDevelopment(java.util.UUID.randomUUID().toString()), door,
                TicketFiles.none(), TicketPdfLinks.DEFAULT_VALIDITY, providers, clock);
    }

    /**
     * Everything explicit. {@code ticketLinkValidity} is how long a presigned ticket link works
     * ({@link TicketPdfLinks#MIN_VALIDITY} to {@link TicketPdfLinks#MAX_VALIDITY}); without payment
     * providers, paid registrations stay pending until their hold expires.
     */
    public Services(DataSource appDataSource, TokenVerifier tokens, KeySealer sealer, DoorPorts door,
                    TicketFiles ticketFiles, Duration ticketLinkValidity, PaymentProviders providers, Clock clock) {
        this.tokens = tokens;
        JdbcTransactions tx = new JdbcTransactions(appDataSource);
        Sql sql = new Sql(tx);
        var users = new JdbcUsers(sql);
        var memberships = new JdbcMemberships(sql);
        var organizations = new JdbcOrganizations(sql);
        var events = new JdbcEvents(sql);
        var sessions = new JdbcSessions(sql);
        var speakers = new JdbcSpeakers(sql);
        var ticketTypes = new JdbcTicketTypes(sql);
        var registrations = new JdbcRegistrations(sql);
        var settings = new JdbcRegistrationSettings(sql);
        var questions = new JdbcQuestions(sql);
        var promoCodes = new JdbcPromoCodes(sql);
        var waitlist = new JdbcWaitlist(sql);
        var inventory = new JdbcInventory(sql);
        var ticketSource = new JdbcTicketSource(sql);
        syncDoorTickets = new SyncDoorTickets(tx, ticketSource, door.state());
        JdbcDoorBacklog doorBacklog = new JdbcDoorBacklog(sql);
        Outbox outbox = new DoorSyncingOutbox(new JdbcOutbox(sql), tx, syncDoorTickets, door.syncExecutor(), doorBacklog, clock);
        var lookups = new JdbcDueWork(sql);
        OrgAccess access = new OrgAccess(tx, memberships);
        SeatGate seatGate = SeatGate.create();
        Seats seats = Seats.of(inventory, registrations, settings, promoCodes, waitlist, events, outbox, seatGate);
        var signingKeys = new JdbcSigningKeys(sql);
        TicketSigner signer = TicketSigner.of(signingKeys, sealer, clock);

        createOrganization = new CreateOrganization(tx, users, organizations, memberships, clock);
        listMyOrganizations = new ListMyOrganizations(tx, organizations);
        getOrganization = new GetOrganization(access, organizations, memberships);
        updateOrganization = new UpdateOrganization(access, organizations);
        getBranding = new GetBranding(access, organizations);
        updateBranding = new UpdateBranding(access, organizations);

        createEvent = new CreateEvent(access, events, clock);
        getEvent = new GetEvent(access, events);
        updateEvent = new UpdateEvent(access, events, sessions);
        listEvents = new ListEvents(access, events);
        changeEventStatus = new ChangeEventStatus(access, events, ticketTypes, clock);
        deleteEventPermanently = new DeleteEventPermanently(access, events);
        cloneEvent = new CloneEvent(access, events, sessions, ticketTypes, clock);
        getPublicEvent = new GetPublicEvent(tx, organizations, events, sessions, ticketTypes, clock);
        listPublicEvents = new ListPublicEvents(tx, organizations, events, clock);

        createSession = new CreateSession(access, events, sessions, clock);
        updateSession = new UpdateSession(access, events, sessions);
        cancelSession = new CancelSession(access, events, sessions, clock);
        listSessions = new ListSessions(access, events, sessions);
        setSessionSpeakers = new SetSessionSpeakers(access, events, sessions, speakers);
        createSpeaker = new CreateSpeaker(access, speakers, clock);
        getSpeaker = new GetSpeaker(access, speakers);
        listSpeakers = new ListSpeakers(access, speakers);
        updateSpeaker = new UpdateSpeaker(access, speakers);
        deleteSpeaker = new DeleteSpeaker(access, speakers);

        createTicketType = new CreateTicketType(access, events, ticketTypes, clock);
        updateTicketType = new UpdateTicketType(access, events, ticketTypes);
        listTicketTypes = new ListTicketTypes(access, events, ticketTypes);
        setTicketTypeActive = new SetTicketTypeActive(access, events, ticketTypes);

        var taxRates = new JdbcTaxRates(sql);
        register = new Register(tx, lookups, users, new JdbcRegistrationInputs(sql), promoCodes, waitlist,
                registrations, inventory, outbox, seats, signer, seatGate, clock);
        cancelRegistration = new CancelRegistration(access, registrations, seats, clock);
        cancelMyRegistration = new CancelMyRegistration(tx, registrations, settings, events, seats, clock);
        expireHolds = new ExpireHolds(tx, lookups, registrations, waitlist, seats, clock);
        listRegistrations = new ListRegistrations(access, events, registrations);
        getRegistration = new GetRegistration(access, registrations);
        listMyRegistrations = new ListMyRegistrations(tx, registrations);
        getMyRegistration = new GetMyRegistration(tx, registrations);
        joinWaitlist = new JoinWaitlist(tx, lookups, users, events, ticketTypes, waitlist, settings, clock);
        leaveWaitlist = new LeaveWaitlist(tx, waitlist, seats, clock);
        listMyWaitlist = new ListMyWaitlist(tx, waitlist);
        listWaitlist = new ListWaitlist(access, events, waitlist);
        createQuestion = new CreateQuestion(access, events, ticketTypes, questions, clock);
        updateQuestion = new UpdateQuestion(access, events, ticketTypes, questions);
        deleteQuestion = new DeleteQuestion(access, events, questions);
        listQuestions = new ListQuestions(access, events, questions);
        createPromoCode = new CreatePromoCode(access, events, ticketTypes, promoCodes, clock);
        updatePromoCode = new UpdatePromoCode(access, events, ticketTypes, promoCodes);
        listPromoCodes = new ListPromoCodes(access, events, promoCodes);
        getRegistrationSettings = new GetRegistrationSettings(access, settings);
        updateRegistrationSettings = new UpdateRegistrationSettings(access, events, ticketTypes, settings);
        getRegistrationForm = new GetRegistrationForm(tx, lookups, events, ticketTypes, questions, settings, clock);
        TicketRenderer renderer = OnFirstUse.of(TicketRenderer.class, () -> new ZxingPdfboxRenderer());
        Sheets sheets = Sheets.of(organizations, events, ticketTypes);
        downloadMyTickets = new DownloadMyTickets(tx, registrations, sheets, renderer);
        downloadTickets = new DownloadTickets(access, registrations, sheets, renderer);
        getMyTicketQr = new GetMyTicketQr(tx, registrations, renderer);
        TicketPdfLinks ticketLinks = TicketPdfLinks.of(renderer, ticketFiles, ticketLinkValidity);
        getMyTicketsLink = new GetMyTicketsLink(tx, registrations, sheets, ticketLinks);
        getTicketsLink = new GetTicketsLink(access, registrations, sheets, ticketLinks);
        reissueTicket = new ReissueTicket(access, registrations, signer, outbox);
        listSigningKeys = new ListSigningKeys(access, events, signingKeys);
        rotateSigningKey = new RotateSigningKey(access, events, signer);

        DoorFacts doorFacts = DoorFacts.of(tx, memberships, ticketSource, clock);
        checkInTicket = new CheckInTicket(tx, doorFacts, door.state(), ticketSource, door.events(), clock);
        undoCheckIn = new UndoCheckIn(doorFacts, door.state(), door.events());
        findAttendees = new FindAttendees(tx, doorFacts, ticketSource, door.state());
        exportOfflineKit = new ExportOfflineKit(tx, doorFacts, ticketSource, door.state(), clock);
        syncOfflineScans = new SyncOfflineScans(checkInTicket, doorFacts, clock);
        recordCheckIns = new RecordCheckIns(tx, door.state(), new JdbcCheckInLedger(sql));
        repairDoor = new RepairDoor(tx, doorBacklog, syncDoorTickets, clock);
        var payments = new JdbcPayments(sql);
        var paymentLookups = new JdbcPaymentLookups(sql);
        var invoices = new JdbcInvoices(sql);
        PaymentStates paymentStates = PaymentStates.of(tx, payments, registrations, new ConfirmPaidRegistration(
                registrations, settings, events, promoCodes, inventory, outbox, signer), providers, outbox,
                IssueInvoice.of(invoices, organizations, ticketTypes), clock);
        startPayment = new StartPayment(tx, registrations, payments, paymentStates);
        handlePaymentWebhook = new HandlePaymentWebhook(tx, paymentLookups, payments, paymentStates);
        runPaymentFollowUps = new RunPaymentFollowUps(tx, paymentLookups, payments, registrations, paymentStates);
        refundRegistration = new RefundRegistration(access, tx, registrations, payments, paymentStates, seats, clock);
        reconcilePayments = new ReconcilePayments(tx, paymentLookups, payments, registrations, paymentStates, clock);
        createTaxRate = new CreateTaxRate(access, taxRates, clock);
        listTaxRates = new ListTaxRates(access, taxRates);
        setTicketTypeTaxRate = new SetTicketTypeTaxRate(access, taxRates);
        InvoiceRenderer invoiceRenderer = OnFirstUse.of(InvoiceRenderer.class, () -> new PdfboxInvoiceRenderer());
        downloadInvoice = new DownloadInvoice(access, registrations, invoices, invoiceRenderer);
        downloadMyInvoice = new DownloadMyInvoice(tx, registrations, invoices, invoiceRenderer);

        // one tally per process: the counts this container keeps for the live dashboard
        DashboardTally tally = DashboardTally.of(tx, door.state(), ticketSource, clock, door.syncExecutor());
        var dashboardConnections = DashboardConnections.cached(door.dashboardConnections());
        connectDashboard = new ConnectDashboard(doorFacts, dashboardConnections, tally, clock);
        disconnectDashboard = new DisconnectDashboard(dashboardConnections);
        sendDashboardSnapshot = new SendDashboardSnapshot(dashboardConnections, tally, door.poster());
        pushDashboardCounts = new PushDashboardCounts(dashboardConnections, tally, door.poster(), clock);
        getDashboardCounts = new GetDashboardCounts(doorFacts, tally);
        runPaymentStep = new RunPaymentStep(tx, registrations, expireHolds, runPaymentFollowUps, clock,
                RunPaymentStep.DEFAULT_POLL_INTERVAL);
        watchPayment = new WatchPayment(tx, registrations, () -> paymentWorkflow);
    }

    /** The admin UI's origin, when browsers call the API from another origin than its own; see {@link #allowBrowserOrigin}. */
    private volatile String browserOrigin;

    /**
     * Lets browsers on the admin UI's origin call the API (CORS, {@link BrowserAccess}): set by the
     * host before it builds the functions, whose routers read it once. Fails on anything that is
     * not an https origin (or http on localhost).
     */
    public void allowBrowserOrigin(String origin) {
        this.browserOrigin = BrowserAccess.origin(origin);
    }

    /** The origin set by {@link #allowBrowserOrigin}; empty when the UI is served from the API's own origin. */
    public java.util.Optional<String> browserOrigin() {
        return java.util.Optional.ofNullable(browserOrigin);
    }

    /**
     * The runner that starts payment workflows: the Step Functions adapter in AWS, the in-process
     * runner locally (built after the services, since it runs {@link #runPaymentStep}).
     */
    public void usePaymentWorkflow(PaymentWorkflow workflow) {
        this.paymentWorkflow = java.util.Objects.requireNonNull(workflow, "workflow");
    }

    /**
     * For a Lambda container of a function that uses no store beyond PostgreSQL: the database and the
     * token issuer from environment variables (set by the CDK app). A missing variable fails at init
     * with a message naming it.
     */
    public static Services fromEnvironment() {
        return fromEnvironment(java.util.Set.of());
    }

    /**
     * For a Lambda container of the given catalogue function: also connects to the stores its entry
     * names (the CDK app sets their variables and grants exactly those), failing at init, with the
     * variable's name, if one is missing.
     */
    public static Services fromEnvironment(FunctionSpec function) {
        return fromEnvironment(function.uses());
    }

    private static Services fromEnvironment(java.util.Set<Resource> uses) {
        // in AWS: TURNSTILE_DB_IAM_AUTH=true, an IAM token per connection to the RDS Proxy instead of a password
        HikariDataSource db = "true".equalsIgnoreCase(System.getenv("TURNSTILE_DB_IAM_AUTH"))
                ? IamAuthDataSources.pooled(required("TURNSTILE_DB_URL"), required("TURNSTILE_DB_USER"), 2)
                : DataSources.pooled(required("TURNSTILE_DB_URL"), required("TURNSTILE_DB_USER"),
                        System.getenv("TURNSTILE_DB_PASSWORD"), 2);
        KeySealer sealer = AesGcmKeySealer.fromSecret(sealingSecret());
        TokenVerifier tokens = JwksTokenVerifier.forJwksUrl(required("TURNSTILE_JWKS_URL"), required("TURNSTILE_JWT_ISSUER"),
                blankToNull(System.getenv("TURNSTILE_JWT_AUDIENCE")));
        var credentials = lambdaCredentials();
        var dynamo = CheckInTable.awsClient(credentials);
        String table = required("TURNSTILE_CHECKINS_TABLE");
        DoorPorts door = new DoorPorts(
                new DynamoDoorState(dynamo, table),
                new EventBridgeCheckInEvents(EventBridgeClient.builder().credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(), required("TURNSTILE_EVENT_BUS")),
                Runnable::run,
                new DynamoDashboardConnections(dynamo, table),
                // the WebSocket stack sets the callback URL for the functions that post (docs/check-in.md, "Live dashboard")
                uses.contains(Resource.WEBSOCKET_CONNECTIONS)
                        ? ApiGatewayConnectionPoster.forCallbackUrl(required("TURNSTILE_WS_CALLBACK_URL"), credentials)
                        : DoorPorts.noWebSocketApi());
        TicketFiles ticketFiles = uses.contains(Resource.TICKET_FILES)
                ? S3TicketFiles.inAws(required(Resource.TICKET_FILES.environmentVariable().orElseThrow()),
                        Region.of(required("AWS_REGION")), credentials)
                : TicketFiles.none();
        if (uses.contains(Resource.PAYMENT_SECRETS)) {
            // the CDK app names both provider secrets to such a function: a missing one is a deployment error
            Resource.PAYMENT_SECRET_VARIABLES.forEach(Services::required);
        }
        PaymentProviders providers = PaymentConfiguration.fromEnvironment(System::getenv, Services::secret,
                Clock.systemUTC());
        Services services = new Services(db, tokens, sealer, door, ticketFiles,
                ticketLinkValidity(System.getenv(TICKET_LINK_VALIDITY)), providers, Clock.systemUTC());
        services.snapStart = SnapStartConnections.register(db);
        // the CDK app sets it on the HTTP functions: the UI's CloudFront origin, or the configured one
        String origin = System.getenv(BrowserAccess.ORIGIN_VARIABLE);
        if (origin != null && !origin.isBlank()) {
            services.allowBrowserOrigin(origin);
        }
        if (uses.contains(Resource.PAYMENT_WORKFLOW)) {
            services.usePaymentWorkflow(new StepFunctionsPaymentWorkflow(SfnClient.builder().credentialsProvider(credentials)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                    required(Resource.PAYMENT_WORKFLOW.environmentVariable().orElseThrow())));
        }
        return services;
    }

    /** How long presigned ticket links work: an ISO-8601 duration, PT15M when unset. */
    public static final String TICKET_LINK_VALIDITY = "TURNSTILE_TICKET_LINK_VALIDITY";

    /** The value of {@value #TICKET_LINK_VALIDITY}, checked at start-up: a bad one fails with the variable's name. */
    public static Duration ticketLinkValidity(String value) {
        if (value == null || value.isBlank()) {
            return TicketPdfLinks.DEFAULT_VALIDITY;
        }
        Duration validity;
        try {
            validity = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(TICKET_LINK_VALIDITY + " must be an ISO-8601 duration such as PT15M, not '"
                    + value + "'", e);
        }
        if (validity.compareTo(TicketPdfLinks.MIN_VALIDITY) < 0 || validity.compareTo(TicketPdfLinks.MAX_VALIDITY) > 0) {
            throw new IllegalStateException(TICKET_LINK_VALIDITY + " must lie between " + TicketPdfLinks.MIN_VALIDITY
                    + " and " + TicketPdfLinks.MAX_VALIDITY + " (S3's limit for presigned URLs), not " + value);
        }
        return validity;
    }

    /**
     * The function role's credentials, named rather than found by the default chain: with SnapStart
     * Lambda serves them from its container endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}),
     * otherwise they are in the environment.
     */
    private static AwsCredentialsProvider lambdaCredentials() {
        return System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
    }

    /** Kept reachable for the life of the container: CRaC holds registered resources weakly. */
    @SuppressWarnings("unused")
    private SnapStartConnections snapStart;

    /** The secret itself (local), or read once at init from Secrets Manager by its ARN (AWS). */
    private static String sealingSecret() {
        String secret = System.getenv("TURNSTILE_KEY_SEALING_SECRET");
        if (secret != null && !secret.isBlank()) {
            return secret;
        }
        return secret(required("TURNSTILE_KEY_SEALING_SECRET_ARN"));
    }

    /** A Secrets Manager secret's string, read once at init. */
    private static String secret(String arn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return client.getSecretValue(request -> request.secretId(arn)).secretString();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }
}
