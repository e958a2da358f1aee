package dev.turnstile.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.turnstile.adapters.crypto.AesGcmKeySealer;
import dev.turnstile.adapters.dynamodb.CheckInTable;
import dev.turnstile.adapters.dynamodb.DynamoDashboardConnections;
import dev.turnstile.adapters.dynamodb.DynamoDoorState;
import dev.turnstile.adapters.events.OrderedBusDelivery;
import dev.turnstile.catalogue.BusEvents;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.turnstile.adapters.events.InProcessCheckInEvents;
import dev.turnstile.standins.Dynalite;
import dev.turnstile.standins.ElasticMq;
import dev.turnstile.standins.SqsEventSource;
import dev.turnstile.catalogue.QueueSource;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.turnstile.wiring.DoorPorts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.turnstile.adapters.jdbc.DataSources;
import dev.turnstile.ticketcode.KeySealer;
import dev.turnstile.adapters.jdbc.Migrations;
import dev.turnstile.adapters.jdbc.PostgresServer;
import dev.turnstile.adapters.jwt.JwksTokenVerifier;
import dev.turnstile.adapters.s3.S3TicketFiles;
import dev.turnstile.standins.S3Mock;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.wiring.Services;
import dev.turnstile.api.Json;
import dev.turnstile.api.Problems;
import dev.turnstile.catalogue.BrowserAccess;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Resource;
import dev.turnstile.catalogue.Schedule;
import dev.turnstile.catalogue.WorkflowTask;
import dev.turnstile.adapters.workflow.InProcessPaymentWorkflow;
import dev.turnstile.paymentflow.StepOutcome;
import dev.turnstile.common.Check;
import dev.turnstile.identity.Principal;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform in one process: PostgreSQL (the configured server or an embedded one),
 * migrations, the dev token issuer, every catalogue function behind one HTTP port, demo data.
 * Listens on 127.0.0.1 only: its dev issuer mints tokens for anyone who asks.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);
    static final String APP_ROLE = "turnstile_app";
    /**
     * Connections the kernel queues before we accept them. A flash sale opens a thousand at once;
     * past the backlog the client's SYN is dropped and retried a second later, which shows up as
     * whole seconds of latency (the kernel caps this at net.core.somaxconn).
     */
    static final int BACKLOG = 4096;

    /** Configuration, from environment variables (or system properties of the same name). */
    public record Settings(int port, String database, boolean demoData, String ticketsBucket,
                           java.time.Duration ticketLinkValidity, int webSocketPort, String adminOrigin) {
        /**
         * {@code adminOrigin}: the admin UI's origin when it is served from another one than this
         * runtime's (a UI dev server, {@code TURNSTILE_ADMIN_ORIGIN}); null for same-origin only.
         */
        public Settings {
            adminOrigin = adminOrigin == null || adminOrigin.isBlank() ? null : BrowserAccess.origin(adminOrigin);
        }

        public static Settings fromEnvironment() {
            int port = Integer.parseInt(env("TURNSTILE_PORT", "8080"));
            return new Settings(port, env("TURNSTILE_DB_NAME", "turnstile"),
                    Boolean.parseBoolean(env("TURNSTILE_DEMO_DATA", "true")),
                    env(Resource.TICKET_FILES.environmentVariable().orElseThrow(), "turnstile-tickets"),
                    Services.ticketLinkValidity(env(Services.TICKET_LINK_VALIDITY, "")),
                    // the WebSocket API's port next to the REST one (random when the REST port is)
                    Integer.parseInt(env("TURNSTILE_WS_PORT", Integer.toString(port == 0 ? 0 : port + 1))),
                    env(BrowserAccess.ORIGIN_VARIABLE, ""));
        }

        /** The WebSocket API's port next to the REST one (random when the REST port is); same-origin only. */
        public Settings(int port, String database, boolean demoData, String ticketsBucket,
                        java.time.Duration ticketLinkValidity) {
            this(port, database, demoData, ticketsBucket, ticketLinkValidity, port == 0 ? 0 : port + 1, null);
        }

        /** These settings, with browsers on {@code origin} allowed to call the API. */
        public Settings withAdminOrigin(String origin) {
            return new Settings(port, database, demoData, ticketsBucket, ticketLinkValidity, webSocketPort, origin);
        }

        /** The default tickets bucket and link validity. */
        public Settings(int port, String database, boolean demoData) {
            this(port, database, demoData, "turnstile-tickets", dev.turnstile.registration.TicketPdfLinks.DEFAULT_VALIDITY);
        }
    }

    private final PostgresServer postgres;
    private final S3Mock s3;
    private final S3TicketFiles ticketFiles;
    private final HikariDataSource owner;
    private final HikariDataSource app;
    private final HttpServer http;
    private final ExecutorService executor;
    private final DevIssuer issuer;
    private final ApiGatewayEmulator gateway;
    private final String baseUrl;
    private final ScheduledExecutorService timers;
    private final InProcessPaymentWorkflow paymentWorkflow;
    private final Dynalite dynalite;
    private final ElasticMq sqs;
    private final WebSocketGateway webSocket;
    private final java.util.List<AutoCloseable> consumers = new java.util.ArrayList<>();
    private final java.util.List<SqsEventSource> queuePollers = new java.util.ArrayList<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    /** The local stand-in for EventBridge: check-in facts reach their consumers in-process. */
    private final InProcessCheckInEvents checkInEvents = new InProcessCheckInEvents();
    static final String CHECK_IN_TABLE = "turnstile-check-ins";

    private LocalRuntime(Settings settings) throws IOException {
        postgres = PostgresServer.fromEnvironment();
        postgres.createDatabase(settings.database());
        owner = DataSources.pooled(postgres.jdbcUrl(settings.database()), postgres.adminUser(), null, 4);
        Migrations.apply(owner, APP_ROLE);
        // 8, not more: on 2 cores PostgreSQL does no more work with more connections, and in a flash
        // sale the extra ones only queue on the ticket type's row lock (measured in docs/benchmarks.md)
        app = DataSources.pooled(postgres.jdbcUrl(settings.database()), APP_ROLE, null, 8);
        // S3 for ticket PDFs: the stand-in, with the tickets bucket the data stack creates in AWS
        s3 = S3Mock.start(java.util.List.of(settings.ticketsBucket()));
        ticketFiles = S3TicketFiles.atEndpoint(s3.endpoint(), settings.ticketsBucket());

        dynalite = Dynalite.start();
        keepConnectionsToStandIns();
        DynamoDbClient dynamo = CheckInTable.localClient(dynalite.endpoint());
        CheckInTable.create(dynamo, CHECK_IN_TABLE);
        // the WebSocket API's stand-in, also PostToConnection's; its function is bound once the services exist
        webSocket = new WebSocketGateway(new InetSocketAddress("127.0.0.1", settings.webSocketPort()));
        // refreshes of the door's copy of tickets and dashboard reseeds run beside the request, as the hot path should;
        // dashboard connections are items in the same table as in AWS
        DoorPorts door = new DoorPorts(new DynamoDoorState(dynamo, CHECK_IN_TABLE), checkInEvents, background,
                new DynamoDashboardConnections(dynamo, CHECK_IN_TABLE), webSocket);

        http = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.port()), BACKLOG);
        baseUrl = "http://localhost:" + http.getAddress().getPort();
        issuer = new DevIssuer(baseUrl + "/dev");
        // sealing key for ticket signing keys: configured, or a fixed development one (local data only)
        String sealing = env("TURNSTILE_KEY_SEALING_SECRET", "");
        KeySealer sealer = sealing.isEmpty() ? AesGcmKeySealer.forDevelopment("turnstile-local-development")
                : AesGcmKeySealer.fromSecret(sealing);
        Services services = new Services(app,
                JwksTokenVerifier.forJwksUrl(baseUrl + "/.well-known/jwks.json", issuer.issuer()), sealer, door, ticketFiles,
                settings.ticketLinkValidity(), paymentProviders(), Clock.systemUTC());
        if (settings.adminOrigin() != null) {
            services.allowBrowserOrigin(settings.adminOrigin()); // before the handlers: their routers read it once
        }
        gateway = new ApiGatewayEmulator(handlers(services), settings.adminOrigin());
        executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
        timers = schedule(services);
        paymentWorkflow = paymentWorkflow(services, timers);
        services.usePaymentWorkflow(paymentWorkflow);
        sqs = ElasticMq.start();
        consume(services);
        serveWebSocket(services);
        if (settings.demoData() && DemoData.seed(services)) {
            log.info("Seeded the demo organization '{}'", DemoData.ORG_SLUG);
        }
    }

    /**
     * The SDK's URL-connection client (the one the Lambda functions use) keeps at most 5 idle
     * connections per host by default (the JDK's {@code http.maxConnections}); a Lambda container
     * needs one, but this process serves every scan at once, and past 5 concurrent calls each call
     * to dynalite opened and closed a TCP connection of its own (docs/benchmarks.md, check-in).
     * Read once, when the JDK's keep-alive cache is first used: set before any client is built.
     */
    static void keepConnectionsToStandIns() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
    }

    public static LocalRuntime start(Settings settings) {
        try {
            return new LocalRuntime(settings);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not start the local runtime", e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Where the DynamoDB stand-in listens (loopback): the check-in benchmark measures its ceiling there. */
    public java.net.URI dynamoEndpoint() {
        return dynalite.endpoint();
    }

    public String tokenFor(String email, String name) {
        return issuer.mint(DevIssuer.userFor(email, name));
    }

    /** The same handler classes the Lambda runtime instantiates, built with the local services. */
    @SuppressWarnings("unchecked")
    private static Map<FunctionSpec, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> handlers(
            Services services) {
        Map<FunctionSpec, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> handlers = new LinkedHashMap<>();
        for (FunctionSpec spec : FunctionCatalogue.http()) {
            handlers.put(spec, (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) load(spec, services));
        }
        // AppSync's resolver functions have no AppSync here: POST /graphql serves the same fields
        // through the same engine, so it must be one of the routes served
        if (!FunctionCatalogue.graphqlResolvers().isEmpty() && handlers.keySet().stream()
                .noneMatch(f -> f.routes().contains(dev.turnstile.catalogue.ApiRoutes.GRAPHQL))) {
            throw new IllegalStateException("The catalogue has AppSync resolvers but no POST /graphql to serve their fields locally");
        }
        return handlers;
    }

    static Object load(FunctionSpec spec, Services services) {
        try {
            return Class.forName(spec.handler()).getConstructor(Services.class).newInstance(services);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load function " + spec.name() + " (" + spec.handler() + ")", e);
        }
    }

    /** What EventBridge does in AWS: invoke each scheduled function at its rate, with a scheduled event. */
    @SuppressWarnings("unchecked")
    private static ScheduledExecutorService schedule(Services services) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-schedules");
            t.setDaemon(true);
            return t;
        });
        for (FunctionSpec spec : FunctionCatalogue.scheduled()) {
            var handler = (RequestHandler<Map<String, Object>, Object>) load(spec, services);
            for (Schedule schedule : spec.schedules()) {
                timers.scheduleAtFixedRate(() -> {
                    try {
                        // the payload EventBridge Scheduler sends (see docs/infrastructure.md)
                        handler.handleRequest(Map.of("function", spec.name(), "schedule", schedule.expression(),
                                "scheduledTime", Instant.now().toString(), "executionId", UUID.randomUUID().toString()), null);
                    } catch (RuntimeException e) {
                        log.error("Scheduled function {} failed", spec.name(), e);
                    }
                }, schedule.periodSeconds(), schedule.periodSeconds(), TimeUnit.SECONDS);
            }
        }
        return timers;
    }

    /**
     * What the payment state machine does in AWS: the in-process runner, whose task states call the
     * {@code payment-steps} function's handler class with the JSON Step Functions sends it.
     */
    @SuppressWarnings("unchecked")
    private static InProcessPaymentWorkflow paymentWorkflow(Services services, ScheduledExecutorService timers) {
        FunctionSpec spec = FunctionCatalogue.workflowTasks().stream()
                .filter(f -> f.workflowTasks().stream().anyMatch(t -> t.workflow().equals(WorkflowTask.PAYMENT)))
                .findFirst().orElseThrow();
        var handler = (RequestHandler<Map<String, Object>, Map<String, Object>>) load(spec, services);
        return new InProcessPaymentWorkflow((step, orgId, registrationId) -> {
            Map<String, Object> out = handler.handleRequest(Map.of("step", step.wireName(), "orgId", orgId.toString(),
                    "registrationId", registrationId.toString()), null);
            return new StepOutcome(StepOutcome.Status.valueOf(
                    out.get("status").toString().toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                    Instant.parse(out.get("holdExpiresAt").toString()), Instant.parse(out.get("nextCheckAt").toString()));
        }, InProcessPaymentWorkflow.Timer.of(timers), Clock.systemUTC());
    }

    /**
     * Benchmarks: holds the queue consumers (their messages wait in the queues, as in SQS while a
     * consumer lags) or lets them go on.
     */
    public void holdQueueConsumers(boolean hold) {
        queuePollers.forEach(p -> p.hold(hold));
    }

    /** Benchmarks: messages waiting in, or being handled from, the consumers' queues. */
    public long queueBacklog() {
        return queuePollers.stream().mapToLong(SqsEventSource::backlog).sum();
    }

    /** The in-process payment workflow (tests look at its executions). */
    public InProcessPaymentWorkflow paymentWorkflow() {
        return paymentWorkflow;
    }

    /**
     * What the CDK workers stack does in AWS: per queue-consuming function, its queue with a
     * dead-letter queue, the bus rule that fills it, and an event source mapping that feeds it.
     */
    @SuppressWarnings("unchecked")
    private void consume(Services services) {
        for (FunctionSpec spec : FunctionCatalogue.queued()) {
            var handler = (RequestHandler<SQSEvent, SQSBatchResponse>) load(spec, services);
            for (QueueSource source : spec.queues()) {
                String url = sqs.createQueueWithDeadLetters(source.queue(), 5, 30);
                consumers.add(new BusRule(checkInEvents, sqs.client(), url));
                SqsEventSource poller = SqsEventSource.start(sqs.client(), url, handler, source.batchSize(),
                        java.time.Duration.ofSeconds(source.batchingWindowSeconds()));
                queuePollers.add(poller);
                consumers.add(poller);
            }
        }
    }

    /**
     * What the CDK WebSocket stack does in AWS: the WebSocket API's routes to their function, and
     * each ordered bus subscription (a FIFO queue there) as an in-order delivery from the bus.
     */
    @SuppressWarnings("unchecked")
    private void serveWebSocket(Services services) {
        Map<String, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> byRoute = new LinkedHashMap<>();
        for (FunctionSpec spec : FunctionCatalogue.webSocket()) {
            var handler = (RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>) load(spec, services);
            spec.webSocketRoutes().forEach(route -> byRoute.put(route.key(), handler));
        }
        webSocket.serve((event, context) -> {
            var handler = byRoute.get(event.getRequestContext().getRouteKey());
            if (handler == null) {
                var missing = new APIGatewayV2WebSocketResponse();
                missing.setStatusCode(404);
                return missing;
            }
            return handler.handleRequest(event, context);
        });
        webSocket.startAndWait();
        for (FunctionSpec spec : FunctionCatalogue.onBusEvents()) {
            var handler = (RequestHandler<SQSEvent, SQSBatchResponse>) load(spec, services);
            for (BusEvents events : spec.busEvents()) {
                consumers.add(new OrderedBusDelivery(checkInEvents, handler, events.batchSize(), spec.name()));
            }
        }
    }

    /** The WebSocket API's URL: {@code ws://localhost:<port>}, with {@code ?orgId=&eventId=&token=}. */
    public String webSocketUrl() {
        return webSocket.url();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            ApiResponse response;
            if (method.equals("GET") && path.equals("/.well-known/jwks.json")) {
                response = new ApiResponse(200, Map.of("Content-Type", "application/json"), issuer.jwks());
            } else if (method.equals("POST") && path.equals("/dev/tokens")) {
                response = mintToken(exchange);
            } else if (method.equals("GET") && path.equals("/")) {
                response = ApiResponse.ok(index());
            } else {
                Optional<ApiResponse> served = gateway.serve(exchange);
                response = served.orElseGet(() -> Problems.problem(404, "route_not_found",
                        "No route " + method + " " + path, path, null, null));
            }
            write(exchange, response);
        } catch (RuntimeException e) {
            log.error("Local runtime failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            write(exchange, Problems.problem(500, "internal_error", "The local runtime failed; see its log", null, null, null));
        }
    }

    private ApiResponse mintToken(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            return Problems.problem(400, "bad_request", "Send {\"email\": \"...\", \"name\": \"...\"}", "/dev/tokens", null, null);
        }
        String email = body == null ? null : body.path("email").asText(null);
        String name = body == null ? null : body.path("name").asText(null);
        try {
            new Check().optionalEmail(email, "email").require(email != null, "email", "is required").orThrow();
        } catch (dev.turnstile.common.Invalid e) {
            return Problems.problem(422, e.code(), e.detail(), "/dev/tokens", null, e.errors());
        }
        Principal user = DevIssuer.userFor(email, name);
        return ApiResponse.ok(Map.of("token", issuer.mint(user), "userId", user.userId(), "email", email,
                "expiresAt", Instant.now().plus(DevIssuer.LIFETIME)));
    }

    private Map<String, Object> index() {
        return Map.of(
                "name", "Turnstile local runtime",
                "standIns", Map.of("dynamodb", dynalite.endpoint().toString()),
                "jwks", baseUrl + "/.well-known/jwks.json",
                "dashboardWebSocket", webSocket.url() + "/?orgId={orgId}&eventId={eventId}&token={token}",
                "mintToken", "POST " + baseUrl + "/dev/tokens {\"email\": \"you@example.com\", \"name\": \"You\"}",
                "demoEvent", baseUrl + "/v1/public/orgs/" + DemoData.ORG_SLUG + "/events/" + DemoData.EVENT_SLUG,
                "graphql", "POST " + baseUrl + "/graphql {\"query\": \"{ myRegistrations { id status } }\"}"
                        + " (in AWS also AppSync, whose resolver function answers the same fields)",
                "routes", FunctionCatalogue.http().stream().flatMap(f -> f.routes().stream()).map(Object::toString).toList());
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        byte[] body = response.body() == null ? new byte[0]
                : response.base64Encoded() ? java.util.Base64.getDecoder().decode(response.body()) // as API Gateway decodes it
                : response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        try {
            // a scheduled run in progress finishes before the pool and the table it uses go away
            if (!timers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("A scheduled function is still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable consumer : consumers) {
            try {
                consumer.close();
            } catch (Exception e) {
                log.warn("Could not stop {}", consumer, e);
            }
        }
        sqs.close();
        try {
            webSocket.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        executor.shutdownNow();
        background.shutdownNow();
        dynalite.close();
        app.close();
        owner.close();
        postgres.close();
        ticketFiles.close();
        s3.close();
    }

    /**
     * Payment providers with credentials in the environment (docs/payments.md), e.g. Stripe test-mode
     * keys; none configured is fine: paid registrations then stay pending until their hold expires.
     */
    private static dev.turnstile.payment.PaymentProviders paymentProviders() {
        return dev.turnstile.wiring.PaymentConfiguration.fromEnvironment(name -> env(name, ""), arn -> {
            throw new IllegalStateException("Secrets Manager ARNs are read in AWS only; locally, set the provider's "
                    + "credentials as variables (docs/payments.md)");
        }, Clock.systemUTC());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    public static void main(String[] args) throws InterruptedException {
        LocalRuntime runtime = start(Settings.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "local-runtime-stop"));
        String token = runtime.tokenFor(DemoData.ORGANIZER.email(), DemoData.ORGANIZER.name());
        System.out.printf("""

                Turnstile local runtime is up at %1$s  (Ctrl+C stops it)
                Live dashboard WebSocket:  %6$s/?orgId=...&eventId=...&token=$TOKEN

                  Demo event (public):  %1$s/v1/public/orgs/%2$s/events/%3$s
                  Your organizations:   curl -H "Authorization: Bearer $TOKEN" %1$s/v1/orgs
                  GraphQL:              curl -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                                          -d '{"query": "{ myRegistrations { id status } }"}' %1$s/graphql
                  Another user's token: curl -X POST -H 'Content-Type: application/json' \\
                                          -d '{"email":"you@example.com","name":"You"}' %1$s/dev/tokens

                  TOKEN for %4$s (owner of the demo organization, valid 12 h):
                  export TOKEN=%5$s

                """, runtime.baseUrl(), DemoData.ORG_SLUG, DemoData.EVENT_SLUG, DemoData.ORGANIZER.email(), token,
                runtime.webSocketUrl());
        Thread.currentThread().join();
    }
}
