package dev.turnstile.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the local runtime on a random port with its own database and walks the organizer's
 * first steps over real HTTP, with a token from the dev issuer: create an organization, an event,
 * a session and a ticket type, publish, and read the public page without a token.
 */
class LocalRuntimeEndToEndTest {

    static LocalRuntime runtime;
    static String database;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    /** A UI dev server on another port than the runtime's: a cross-origin caller, as the admin UI is in AWS. */
    static final String UI_ORIGIN = "http://localhost:5173";

    @BeforeAll
    static void start() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        database = "turnstile_e2e_" + HexFormat.of().formatHex(random);
        runtime = LocalRuntime.start(new LocalRuntime.Settings(0, database, true).withAdminOrigin(UI_ORIGIN));
    }

    @AfterAll
    static void stop() {
        runtime.close();
        try (var server = dev.turnstile.adapters.jdbc.PostgresServer.fromEnvironment()) {
            server.dropDatabase(database);
        }
    }

    record Reply(int status, String contentType, JsonNode body) {
    }

    @Test
    void givenANewOrganizer_whenWalkingFromOrganizationToPublishedEvent_thenThePublicSeesIt() throws Exception {
        Reply token = send("POST", "/dev/tokens", null, "{\"email\": \"e2e@example.com\", \"name\": \"Eve Two\"}");
        assertThat(token.status()).isEqualTo(200);
        String bearer = token.body().get("token").asText();

        String orgSlug = "e2e-" + Long.toString(System.nanoTime(), 36);
        Reply org = send("POST", "/v1/orgs", bearer, "{\"name\": \"E2E Org\", \"slug\": \"" + orgSlug + "\"}");
        assertThat(org.status()).isEqualTo(201);
        String orgId = org.body().get("id").asText();

        Instant start = Instant.now().plus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Reply event = send("POST", "/v1/orgs/" + orgId + "/events", bearer, """
                {"title": "Meetup", "slug": "meetup", "type": "online", "startsAt": "%s", "endsAt": "%s",
                 "timeZone": "Europe/Lisbon", "location": {"onlineUrl": "https://meet.example.com/x"}}"""
                .formatted(start, start.plus(Duration.ofHours(3))));
        assertThat(event.status()).isEqualTo(201);
        String eventId = event.body().get("id").asText();
        String base = "/v1/orgs/" + orgId + "/events/" + eventId;

        Reply session = send("POST", base + "/sessions", bearer, """
                {"title": "Lightning talks", "startsAt": "%s", "endsAt": "%s"}"""
                .formatted(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2))));
        assertThat(session.status()).isEqualTo(201);
        Reply ticket = send("POST", base + "/ticket-types", bearer,
                "{\"name\": \"Free\", \"priceMinor\": 0, \"currency\": \"EUR\", \"capacity\": 50}");
        assertThat(ticket.status()).isEqualTo(201);

        Reply hidden = send("GET", "/v1/public/orgs/" + orgSlug + "/events/meetup", null, null);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.contentType()).isEqualTo("application/problem+json");

        Reply published = send("POST", base + "/publish", bearer, null);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().get("status").asText()).isEqualTo("published");

        Reply page = send("GET", "/v1/public/orgs/" + orgSlug + "/events/meetup", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("title").asText()).isEqualTo("Meetup");
        assertThat(page.body().get("sessions").get(0).get("title").asText()).isEqualTo("Lightning talks");
        assertThat(page.body().get("ticketTypes").get(0).get("available").asInt()).isEqualTo(50);
    }

    @Test
    void givenTheDemoData_thenItsPublishedEventIsServed_andItsOrganizerCanManageIt() throws Exception {
        Reply page = send("GET", "/v1/public/orgs/demo/events/turnstile-summit", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("sessions")).hasSize(3);
        assertThat(page.body().get("ticketTypes").findValuesAsText("name"))
                .containsExactly("General admission", "Student", "Livestream");

        String bearer = runtime.tokenFor(DemoData.ORGANIZER.email(), DemoData.ORGANIZER.name());
        Reply mine = send("GET", "/v1/orgs", bearer, null);
        assertThat(mine.body().get("items").get(0).get("slug").asText()).isEqualTo("demo");
    }

    @Test
    void givenTheDemoEvent_whenAnAttendeeRegistersWithTheDemoPromoCode_thenTheyHoldADiscountedSeat() throws Exception {
        Reply page = send("GET", "/v1/public/orgs/demo/events/turnstile-summit", null, null);
        String eventId = page.body().get("id").asText();
        Reply form = send("GET", "/v1/public/events/" + eventId + "/registration-form", null, null);
        String general = form.body().get("ticketTypes").get(0).get("id").asText();
        String conduct = form.body().get("questions").get(1).get("id").asText();
        String bearer = send("POST", "/dev/tokens", null, "{\"email\": \"buyer@example.com\", \"name\": \"Bea\"}")
                .body().get("token").asText();

        Reply registered = send("POST", "/v1/events/" + eventId + "/registrations", bearer, """
                {"promoCode": "earlybird", "tickets": [{"ticketTypeId": "%s", "attendeeName": "Bea",
                  "answers": {"%s": true}}]}""".formatted(general, conduct));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().get("status").asText()).isEqualTo("pending");
        assertThat(registered.body().get("totalMinor").asLong()).isEqualTo(3920);
        Reply mine = send("GET", "/v1/me/registrations", bearer, null);
        assertThat(mine.body().get("items").get(0).get("confirmationNumber").asText()).startsWith("REG-");
    }

    @Test
    void givenAFreeDemoTicket_whenTheAttendeeAsksForAPdfLink_thenTheLinkDownloadsItFromTheS3StandIn() throws Exception {
        Reply page = send("GET", "/v1/public/orgs/demo/events/turnstile-summit", null, null);
        String eventId = page.body().get("id").asText();
        Reply form = send("GET", "/v1/public/events/" + eventId + "/registration-form", null, null);
        String livestream = form.body().get("ticketTypes").get(2).get("id").asText();
        String conduct = form.body().get("questions").get(1).get("id").asText();
        String bearer = send("POST", "/dev/tokens", null, "{\"email\": \"viewer@example.com\", \"name\": \"Vi\"}")
                .body().get("token").asText();
        Reply registered = send("POST", "/v1/events/" + eventId + "/registrations", bearer, """
                {"tickets": [{"ticketTypeId": "%s", "attendeeName": "Vi", "answers": {"%s": true}}]}"""
                .formatted(livestream, conduct));
        assertThat(registered.body().get("status").asText()).isEqualTo("confirmed");

        Reply link = send("GET", "/v1/me/registrations/" + registered.body().get("id").asText() + "/tickets.pdf/link",
                bearer, null);

        assertThat(link.status()).isEqualTo(200);
        URI url = URI.create(link.body().get("url").asText());
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getRawQuery()).contains("X-Amz-Expires=900").contains("X-Amz-Signature=");
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }

    @Test
    void givenNoToken_orAnUnknownRoute_orAWrongMethod_thenProblemResponses() throws Exception {
        assertThat(send("GET", "/v1/orgs", null, null).status()).isEqualTo(401);
        assertThat(send("GET", "/v1/nowhere", null, null).status()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/orgs", null, null).status()).isEqualTo(405);
        Reply jwks = send("GET", "/.well-known/jwks.json", null, null);
        assertThat(jwks.body().get("keys").get(0).get("kty").asText()).isEqualTo("RSA");
        assertThat(jwks.body().get("keys").get(0).has("d")).as("no private key material").isFalse();
    }

    @Test
    void givenAFreeTicket_whenScannedAtTheDoor_thenAdmittedOnce_andPostgresRecordsItThroughTheQueue() throws Exception {
        String bearer = send("POST", "/dev/tokens", null, "{\"email\": \"door@example.com\", \"name\": \"Dora\"}")
                .body().get("token").asText();
        String orgId = send("POST", "/v1/orgs", bearer, "{\"name\": \"Door Org\", \"slug\": \"door-"
                + Long.toString(System.nanoTime(), 36) + "\"}").body().get("id").asText();
        Instant start = Instant.now().plus(Duration.ofHours(1));
        String eventId = send("POST", "/v1/orgs/" + orgId + "/events", bearer, """
                {"title": "Door test", "slug": "door-test", "type": "in_person", "startsAt": "%s", "endsAt": "%s",
                 "timeZone": "UTC", "location": {"venue": "Hall 1", "city": "Lisbon"}}""".formatted(start, start.plus(Duration.ofHours(3)))).body().get("id").asText();
        String base = "/v1/orgs/" + orgId + "/events/" + eventId;
        String typeId = send("POST", base + "/ticket-types", bearer,
                "{\"name\": \"Free\", \"priceMinor\": 0, \"currency\": \"EUR\", \"capacity\": 5}").body().get("id").asText();
        assertThat(send("POST", base + "/publish", bearer, null).status()).isEqualTo(200);
        JsonNode registration = send("POST", "/v1/events/" + eventId + "/registrations", bearer,
                "{\"tickets\": [{\"ticketTypeId\": \"" + typeId + "\", \"attendeeName\": \"Dora\"}]}").body();
        String code = registration.get("tickets").get(0).get("qrCode").asText();

        Reply first = send("POST", base + "/check-ins", bearer, "{\"code\": \"" + code + "\", \"scanId\": \"e2e-1\", \"gate\": \"Main\"}");
        Reply second = send("POST", base + "/check-ins", bearer, "{\"code\": \"" + code + "\", \"scanId\": \"e2e-2\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).isEqualTo("application/problem+json");
        assertThat(second.body().get("checkIn").get("gate").asText()).isEqualTo("Main");
        // the durable record: bus -> queue -> recorder -> check_ins, a moment later
        String ticketId = registration.get("tickets").get(0).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long rows = 0;
        while (rows == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            try (var server = dev.turnstile.adapters.jdbc.PostgresServer.fromEnvironment();
                 var c = java.sql.DriverManager.getConnection(server.jdbcUrl(database), server.adminUser(), null);
                 var ps = c.prepareStatement("SELECT count(*) FROM check_ins WHERE ticket_id = ?::uuid AND scan_id = 'e2e-1'")) {
                ps.setString(1, ticketId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            }
        }
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void givenAStaffDashboardOverARealWebSocket_thenASnapshot_thenEachScanWithinASecond_andStrangersAreRefused()
            throws Exception {
        String bearer = send("POST", "/dev/tokens", null, "{\"email\": \"dash@example.com\", \"name\": \"Dash\"}")
                .body().get("token").asText();
        String orgId = send("POST", "/v1/orgs", bearer, "{\"name\": \"Dash Org\", \"slug\": \"dash-"
                + Long.toString(System.nanoTime(), 36) + "\"}").body().get("id").asText();
        Instant start = Instant.now().plus(Duration.ofHours(2));
        String eventId = send("POST", "/v1/orgs/" + orgId + "/events", bearer, """
                {"title": "Dash test", "slug": "dash-test", "type": "in_person", "startsAt": "%s", "endsAt": "%s",
                 "timeZone": "UTC", "location": {"venue": "Hall 2", "city": "Porto"}}""".formatted(start, start.plus(Duration.ofHours(3)))).body().get("id").asText();
        String base = "/v1/orgs/" + orgId + "/events/" + eventId;
        String typeId = send("POST", base + "/ticket-types", bearer,
                "{\"name\": \"Free\", \"priceMinor\": 0, \"currency\": \"EUR\", \"capacity\": 5}").body().get("id").asText();
        assertThat(send("POST", base + "/publish", bearer, null).status()).isEqualTo(200);
        String code = send("POST", "/v1/events/" + eventId + "/registrations", bearer,
                "{\"tickets\": [{\"ticketTypeId\": \"" + typeId + "\", \"attendeeName\": \"Dash\"}]}")
                .body().get("tickets").get(0).get("qrCode").asText();
        java.util.concurrent.BlockingQueue<String> inbox = new java.util.concurrent.LinkedBlockingQueue<>();
        URI url = URI.create(runtime.webSocketUrl() + "/?orgId=" + orgId + "&eventId=" + eventId);

        // the token as a subprotocol, as a browser sends it
        java.net.http.WebSocket socket = http.newWebSocketBuilder().subprotocols("turnstile.dashboard", bearer)
                .buildAsync(url, new java.net.http.WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            inbox.add(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        socket.sendText("{\"action\": \"snapshot\"}", true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode snapshot = json.readTree(inbox.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        long scanned = System.nanoTime();
        assertThat(send("POST", base + "/check-ins", bearer, "{\"code\": \"" + code + "\", \"scanId\": \"ws-1\", "
                + "\"gate\": \"East\"}").status()).isEqualTo(200);
        String message = inbox.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        long lagMs = (System.nanoTime() - scanned) / 1_000_000;
        var stranger = http.newWebSocketBuilder()
                .buildAsync(URI.create(url + "&token=" + runtime.tokenFor("stranger@example.com", "Stranger")),
                        new java.net.http.WebSocket.Listener() { });
        var noToken = http.newWebSocketBuilder().buildAsync(url, new java.net.http.WebSocket.Listener() { });

        assertThat(socket.getSubprotocol()).isEqualTo("turnstile.dashboard");
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.get("checkedIn").asLong()).isZero();
        assertThat(snapshot.get("expected").asLong()).isEqualTo(1);
        assertThat(message).as("a push within a second of the scan").isNotNull();
        JsonNode pushed = json.readTree(message);
        assertThat(pushed.get("type").asText()).isEqualTo("counts");
        assertThat(pushed.get("checkedIn").asLong()).isEqualTo(1);
        assertThat(pushed.get("byGate").get(0).get("gate").asText()).isEqualTo("East");
        assertThat(lagMs).isLessThan(1000);
        assertThat(handshakeStatus(stranger)).isEqualTo(404);
        assertThat(handshakeStatus(noToken)).isEqualTo(401);
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static int handshakeStatus(java.util.concurrent.CompletableFuture<java.net.http.WebSocket> opening) {
        try {
            opening.get(10, java.util.concurrent.TimeUnit.SECONDS).abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void givenTheDemoOrganizer_whenQueryingOverPostGraphql_thenTheSameSchemaAnswers_andStrangersSeeNothing() throws Exception {
        String bearer = runtime.tokenFor(DemoData.ORGANIZER.email(), DemoData.ORGANIZER.name());
        String orgId = send("GET", "/v1/orgs", bearer, null).body().at("/items/0/id").asText();
        String eventId = send("GET", "/v1/public/orgs/demo/events/turnstile-summit", null, null).body().get("id").asText();
        String query = "{\"query\": \"query($org: ID!, $event: ID!) { organization(id: $org) { slug role } "
                + "event(orgId: $org, id: $event) { title sessions { title } ticketTypes { name priceMinor } } "
                + "myRegistrations { id } }\", \"variables\": {\"org\": \"" + orgId + "\", \"event\": \"" + eventId + "\"}}";
        String stranger = runtime.tokenFor("graphql-stranger@example.com", "Stranger");

        Reply mine = send("POST", "/graphql", bearer, query);
        Reply theirs = send("POST", "/graphql", stranger, query);
        Reply anonymous = send("POST", "/graphql", null, query);
        Reply malformed = send("POST", "/graphql", bearer, "{\"query\": \"{ organization(id: \"}");

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.contentType()).isEqualTo("application/json");
        assertThat(mine.body().has("errors")).as(mine.body().toString()).isFalse();
        assertThat(mine.body().at("/data/organization/slug").asText()).isEqualTo("demo");
        assertThat(mine.body().at("/data/organization/role").asText()).isEqualTo("owner");
        assertThat(mine.body().at("/data/event/sessions")).hasSize(3);
        assertThat(mine.body().at("/data/event/ticketTypes").findValuesAsText("name"))
                .containsExactly("General admission", "Student", "Livestream");
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.body().at("/data/organization").isNull()).isTrue();
        assertThat(theirs.body().at("/data/event").isNull()).isTrue();
        assertThat(theirs.body().at("/data/myRegistrations")).isEmpty();
        assertThat(theirs.body().get("errors").findValuesAsText("code")).containsOnly("organization_not_found");
        assertThat(theirs.body().toString()).doesNotContain("General admission");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.body().at("/errors/0/extensions/classification").asText()).isEqualTo("InvalidSyntax");
    }

    @Test
    void givenAConfiguredUiOrigin_thenPreflightsAreAnsweredForIt_andAnswersNameIt() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/graphql"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/v1/orgs"))
                .header("Origin", UI_ORIGIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> nowhere = http.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/v1/nowhere"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", UI_ORIGIN).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST", "PATCH");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization", "Content-Type");
        assertThat(answer.statusCode()).as("a refusal, still readable by the UI").isEqualTo(401);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI_ORIGIN);
        assertThat(nowhere.statusCode()).isEqualTo(404);
    }

    private static Reply send(String method, String path, String bearer, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = response.body().isEmpty() ? null : json.readTree(response.body());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), node);
    }
}
