package dev.turnstile.functions.checkin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.turnstile.catalogue.ApiRoutes.CHECK_IN;
import static dev.turnstile.catalogue.ApiRoutes.CREATE_EVENT;
import static dev.turnstile.catalogue.ApiRoutes.CREATE_ORGANIZATION;
import static dev.turnstile.catalogue.ApiRoutes.CREATE_TICKET_TYPE;
import static dev.turnstile.catalogue.ApiRoutes.PUBLISH_EVENT;
import static dev.turnstile.catalogue.ApiRoutes.REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpServer;
import dev.turnstile.adapters.crypto.AesGcmKeySealer;
import dev.turnstile.api.ApiRouter;
import dev.turnstile.api.Router;
import dev.turnstile.identity.Principal;
import dev.turnstile.payment.PaymentProviders;
import dev.turnstile.registration.TicketFiles;
import dev.turnstile.registration.TicketPdfLinks;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestDatabase;
import dev.turnstile.testing.TestDoor;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check-in Lambda artifact on its own: a JVM whose classpath is the shaded jar (plus
 * {@link ArtifactLauncher}) builds every function of the module from environment variables, as
 * Lambda does, and admits a ticket bought in this JVM, against the real PostgreSQL and dynalite,
 * with EventBridge played by a stub that answers PutEvents as the service does. So the dependencies
 * the jar leaves out (payment SDKs, PDF, QR images, GraphQL, migrations, S3, Step Functions) are
 * shown not to be needed, rather than assumed.
 */
class CheckInArtifactIT {

    static final String SEALING_SECRET = "artifact-test-sealing-secret-of-more-than-32-chars";
    static final ObjectMapper json = new ObjectMapper();
    static final TestDatabase db = TestDatabase.get();
    static final TestDoor door = TestDoor.get();
    static final TestTokens tokens = new TestTokens();
    static final Services services = new Services(db.app(), tokens.verifier(), AesGcmKeySealer.fromSecret(SEALING_SECRET),
            door.ports(), TicketFiles.none(), TicketPdfLinks.DEFAULT_VALIDITY, PaymentProviders.none(), Clock.systemUTC());
    static final Router router = ApiRouter.all(services);
    static final Path jar = Path.of(System.getProperty("lambda.jar", "target/missing-lambda.jar"));

    static HttpServer jwks;
    static WireMockServer eventBridge;
    static Process lambda;
    static BufferedWriter toLambda;
    static BufferedReader fromLambda;

    @BeforeAll
    static void startTheJarInItsOwnJvm() throws Exception {
        assertThat(jar).as("the shaded jar (mvn package builds it)").exists();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] keys = tokens.jwksJson().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        eventBridge = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        eventBridge.start();
        eventBridge.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"FailedEntryCount\": 0, \"Entries\": [{\"EventId\": \"11111111-2222-3333-4444-555555555555\"}]}")));

        String launcherClasses = Path.of(ArtifactLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", jar + java.io.File.pathSeparator + launcherClasses, ArtifactLauncher.class.getName());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TURNSTILE_"));
        env.put("TURNSTILE_DB_URL", db.app().getJdbcUrl());
        env.put("TURNSTILE_DB_USER", db.app().getUsername());
        env.put("TURNSTILE_KEY_SEALING_SECRET", SEALING_SECRET);
        env.put("TURNSTILE_JWKS_URL", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
        env.put("TURNSTILE_JWT_ISSUER", TestTokens.ISSUER);
        env.put("TURNSTILE_CHECKINS_TABLE", TestDoor.TABLE);
        env.put("TURNSTILE_EVENT_BUS", "turnstile");
        env.put("TURNSTILE_WS_CALLBACK_URL", "http://127.0.0.1:9/prod");
        env.put("AWS_REGION", "eu-central-1");
        env.put("AWS_ACCESS_KEY_ID", "artifact-test");
        env.put("AWS_SECRET_ACCESS_KEY", "artifact-test");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", door.client().serviceClientConfiguration().endpointOverride().orElseThrow().toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.baseUrl());
        builder.redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "check-in-artifact-it.log").toFile()));
        lambda = builder.start();
        toLambda = new BufferedWriter(new OutputStreamWriter(lambda.getOutputStream(), StandardCharsets.UTF_8));
        fromLambda = new BufferedReader(new InputStreamReader(lambda.getInputStream(), StandardCharsets.UTF_8));
        assertThat(fromLambda.readLine()).as("the functions start from the jar alone (see target/check-in-artifact-it.log)")
                .isEqualTo("ready");
    }

    @AfterAll
    static void stop() throws Exception {
        if (lambda != null) {
            lambda.getOutputStream().close();
            if (!lambda.waitFor(10, TimeUnit.SECONDS)) {
                lambda.destroyForcibly();
            }
        }
        if (eventBridge != null) {
            eventBridge.stop();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    void givenATicketBoughtHere_whenTheJarsCheckInFunctionScansIt_thenAdmittedOnce_andTheEventGoesToEventBridge() throws Exception {
        Principal owner = TestTokens.newUser("Owen");
        String orgId = here(as(owner, CREATE_ORGANIZATION).json("{\"name\": \"Artifact org\", \"slug\": \"artifact-"
                + UUID.randomUUID().toString().substring(0, 8) + "\"}")).get("id").asText();
        Instant startsAt = Instant.now().plus(Duration.ofHours(1));
        String eventId = here(as(owner, CREATE_EVENT).path("orgId", orgId).json("""
                {"title": "Artifact night", "slug": "artifact-night", "type": "in_person", "startsAt": "%s", "endsAt": "%s",
                 "timeZone": "Europe/Berlin", "location": {"venue": "Hall", "city": "Berlin"}}
                """.formatted(startsAt, startsAt.plus(Duration.ofHours(4))))).get("id").asText();
        String typeId = here(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json(
                "{\"name\": \"General\", \"priceMinor\": 0, \"currency\": \"EUR\", \"capacity\": 10}")).get("id").asText();
        here(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
        String code = here(as(TestTokens.newUser("Ann"), REGISTER).path("eventId", eventId).json(
                "{\"tickets\": [{\"ticketTypeId\": \"" + typeId + "\", \"attendeeName\": \"Ann\"}]}"))
                .get("tickets").get(0).get("qrCode").asText();
        java.util.function.Function<String, String> scan =
                id -> "{\"code\": \"" + code + "\", \"scanId\": \"" + id + "\", \"gate\": \"North\"}";

        JsonNode noToken = inTheJar(ApiCall.to(CHECK_IN).path("orgId", orgId).path("eventId", eventId).json(scan.apply("s0")));
        JsonNode first = inTheJar(as(owner, CHECK_IN).path("orgId", orgId).path("eventId", eventId).json(scan.apply("s1")));
        JsonNode again = inTheJar(as(owner, CHECK_IN).path("orgId", orgId).path("eventId", eventId).json(scan.apply("s2")));

        assertThat(noToken.get("status").asInt()).isEqualTo(401);
        assertThat(first.get("status").asInt()).as(first.toString()).isEqualTo(200);
        assertThat(json.readTree(first.get("body").asText()).get("reason").asText()).isEqualTo("checked_in");
        assertThat(again.get("status").asInt()).isEqualTo(409);
        assertThat(json.readTree(again.get("body").asText()).get("code").asText()).isEqualTo("already_checked_in");
        eventBridge.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents")));
    }

    @Test
    void theJarLeavesOutWhatTheScanPathDoesNotUse() throws Exception {
        List<String> left = List.of("com/stripe/", "com/paypal/", "org/apache/pdfbox/", "com/google/zxing/", "graphql/execution/",
                "org/flywaydb/", "software/amazon/awssdk/services/s3/", "software/amazon/awssdk/services/sfn/", "kotlin/");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.stream().map(java.util.jar.JarEntry::getName))
                    .noneMatch(name -> left.stream().anyMatch(name::startsWith))
                    .anyMatch(name -> name.startsWith("org/bouncycastle/math/ec/rfc8032/"))
                    .anyMatch(name -> name.startsWith("software/amazon/awssdk/services/dynamodb/"));
        }
        System.out.printf("check-in Lambda jar: %,d bytes%n", Files.size(jar));
    }

    private static ApiCall as(Principal who, dev.turnstile.catalogue.Route route) {
        return ApiCall.to(route).token(tokens.tokenFor(who));
    }

    /** Through this JVM's own router (set-up). */
    private static JsonNode here(ApiCall call) {
        APIGatewayProxyResponseEvent r = router.dispatch(call.event());
        if (r.getStatusCode() >= 300) {
            throw new AssertionError(call.event().getResource() + " answered " + r.getStatusCode() + ": " + r.getBody());
        }
        try {
            return r.getBody() == null ? json.nullNode() : json.readTree(r.getBody());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Through the jar's check-in function, in the other JVM: {"status", "body"}. */
    private static JsonNode inTheJar(ApiCall call) throws Exception {
        toLambda.write(json.writeValueAsString(call.event()));
        toLambda.newLine();
        toLambda.flush();
        String line = fromLambda.readLine();
        assertThat(line).as("an answer from the jar (see target/check-in-artifact-it.log)").isNotNull();
        return json.readTree(line);
    }
}
