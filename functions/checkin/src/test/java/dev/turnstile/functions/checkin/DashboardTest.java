package dev.turnstile.functions.checkin;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.adapters.events.OrderedBusDelivery;
import dev.turnstile.checkin.CheckInEvent;
import dev.turnstile.functions.api.ApiTestSupport;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.testing.TestWebSocketGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live dashboard through its handlers, as API Gateway's WebSocket API would call them: the
 * socket function for $connect/$default/$disconnect, the push function fed by the bus in order
 * (the local runtime's delivery), on real PostgreSQL and dynalite; PostToConnection lands in
 * {@link TestWebSocketGateway}'s inboxes.
 */
class DashboardTest extends ApiTestSupport {

    static final ObjectMapper json = new ObjectMapper();
    static final TestWebSocketGateway gateway = door.webSocket();
    static OrderedBusDelivery delivery;
    static DashboardSocketFunction socket;

    final Principal owner = TestTokens.newUser("Owen");
    final Principal staff = TestTokens.newUser("Stella");
    final List<CheckInEvent> published = Collections.synchronizedList(new ArrayList<>());
    String orgId;
    String eventId;
    String general;

    @BeforeAll
    static void pushFunctionOnTheBus() {
        socket = new DashboardSocketFunction(services);
        delivery = new OrderedBusDelivery(door.events(), new DashboardPushFunction(services), 10, "dashboard-test");
    }

    @AfterAll
    static void stop() {
        delivery.close();
    }

    @BeforeEach
    void anEventStartingInTwoHoursWithAStaffMember() {
        clock.reset();
        orgId = createOrg(owner);
        addMember(orgId, staff, "staff");
        eventId = createEvent(owner, orgId, uniqueSlug("dash"), Instant.now().plus(Duration.ofHours(2)));
        general = createTicketType(owner, orgId, eventId, "General", 0, 100);
        assertThat(call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId)).status()).isEqualTo(200);
        door.events().subscribe(published::add);
    }

    @Test
    void givenNoTokenABadTokenAnOutsiderOrAnAttendee_thenTheConnectionIsRefused_andNothingIsRegistered() {
        Principal attendee = TestTokens.newUser("Member");
        addMember(orgId, attendee, "attendee");

        APIGatewayV2WebSocketResponse noToken = connect(null, Map.of("orgId", orgId, "eventId", eventId)).response;
        APIGatewayV2WebSocketResponse badToken = connect("not-a-token", Map.of("orgId", orgId, "eventId", eventId)).response;
        Opened outsider = connect(tokens.tokenFor(TestTokens.newUser("Mallory")), Map.of("orgId", orgId, "eventId", eventId));
        APIGatewayV2WebSocketResponse member = connect(tokens.tokenFor(attendee), Map.of("orgId", orgId, "eventId", eventId)).response;
        APIGatewayV2WebSocketResponse notAnId = connect(tokens.tokenFor(staff), Map.of("orgId", orgId, "eventId", "42")).response;
        String otherOrg = createOrg(TestTokens.newUser("Bob"));
        APIGatewayV2WebSocketResponse foreignEvent = connect(tokens.tokenFor(staff), Map.of("orgId", otherOrg, "eventId", eventId)).response;

        assertThat(noToken.getStatusCode()).isEqualTo(401);
        assertThat(badToken.getStatusCode()).isEqualTo(401);
        assertThat(outsider.response.getStatusCode()).isEqualTo(404);
        assertThat(member.getStatusCode()).isEqualTo(403);
        assertThat(notAnId.getStatusCode()).isEqualTo(400);
        assertThat(foreignEvent.getStatusCode()).isEqualTo(404);
        assertThat(noToken.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        // a refused connection is not a watcher: its $default gets no counts
        message(outsider.connectionId, "{\"action\": \"snapshot\"}");
        assertThat(next(outsider.connectionId, m -> true).get("type").asText()).isEqualTo("error");
    }

    @Test
    void givenAStaffConnection_thenASnapshotOnRequest_andEveryScanIsPushedWithinASecond() {
        JsonNode ticket = register("Ann", general);
        Opened watcher = connect(tokens.tokenFor(staff), Map.of("orgId", orgId, "eventId", eventId));
        assertThat(watcher.response.getStatusCode()).isEqualTo(200);

        message(watcher.connectionId, "{\"action\": \"snapshot\"}");
        JsonNode snapshot = next(watcher.connectionId, m -> m.get("type").asText().equals("snapshot"));
        long scanned = System.nanoTime();
        assertThat(scan(ticket, "scan-1", "North", null).status()).isEqualTo(200);
        JsonNode pushed = next(watcher.connectionId, m -> m.get("checkedIn").asLong() == 1);
        long lagMs = (System.nanoTime() - scanned) / 1_000_000;

        assertThat(snapshot.get("eventId").asText()).isEqualTo(eventId);
        assertThat(snapshot.get("checkedIn").asLong()).isZero();
        assertThat(snapshot.get("expected").asLong()).isEqualTo(1);
        assertThat(pushed.get("type").asText()).isEqualTo("counts");
        assertThat(pushed.get("byGate").get(0).get("gate").asText()).isEqualTo("North");
        assertThat(pushed.get("byTicketType").get(0).get("name").asText()).isEqualTo("General");
        assertThat(pushed.get("byTicketType").get(0).get("checkedIn").asLong()).isEqualTo(1);
        assertThat(lagMs).isLessThan(1000);
    }

    @Test
    void givenADuplicateDelivery_thenNothingCountsTwice_andAnUndoTakesExactlyItsScanBack() {
        JsonNode ann = register("Ann", general);
        JsonNode bob = register("Bob", general);
        Opened watcher = connect(tokens.tokenFor(staff), Map.of("orgId", orgId, "eventId", eventId));
        scan(ann, "ann-1", "A", null);
        scan(bob, "bob-1", "A", null);
        next(watcher.connectionId, m -> m.get("checkedIn").asLong() == 2);
        CheckInEvent annsEvent = published.stream().filter(e -> e.scanId().equals("ann-1")).findFirst().orElseThrow();

        door.events().publish(annsEvent); // at-least-once: EventBridge may deliver it again
        JsonNode afterDuplicate = next(watcher.connectionId, m -> true);
        Response undone = call(as(owner, UNDO_CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"ticketId\": \"" + ann.get("id").asText() + "\"}"));
        JsonNode afterUndo = next(watcher.connectionId, m -> m.get("checkedIn").asLong() != 2);
        door.events().publish(annsEvent); // a late duplicate of the undone scan does not bring it back
        JsonNode afterLateDuplicate = next(watcher.connectionId, m -> true);

        assertThat(afterDuplicate.get("checkedIn").asLong()).isEqualTo(2);
        assertThat(undone.status()).isEqualTo(200);
        assertThat(afterUndo.get("checkedIn").asLong()).isEqualTo(1);
        assertThat(afterLateDuplicate.get("checkedIn").asLong()).isEqualTo(1);
    }

    @Test
    void givenARescanWhoseUndoArrivesLate_thenTheTicketCountsOnceAtItsEarliestScan_andMovesGateWhenTheUndoArrives() {
        JsonNode ann = register("Ann", general);
        Opened watcher = connect(tokens.tokenFor(staff), Map.of("orgId", orgId, "eventId", eventId));
        scan(ann, "ann-north", "North", null);
        next(watcher.connectionId, m -> m.get("checkedIn").asLong() == 1);
        CheckInEvent north = published.stream().filter(e -> e.scanId().equals("ann-north")).findFirst().orElseThrow();
        CheckInEvent southLater = new CheckInEvent(CheckInEvent.Kind.CHECKED_IN, north.orgId(), north.eventId(),
                north.ticketId(), null, north.ticketTypeId(), north.byUserId(), north.at().plusSeconds(60), "South",
                north.device(), "ann-south", north.method());
        CheckInEvent northUndone = new CheckInEvent(CheckInEvent.Kind.UNDONE, north.orgId(), north.eventId(),
                north.ticketId(), null, north.ticketTypeId(), north.byUserId(), north.at(), "North", north.device(),
                "ann-north", north.method());

        door.events().publish(southLater); // the rescan's event overtakes the undo of the first scan
        JsonNode bothLive = next(watcher.connectionId, m -> true);
        door.events().publish(northUndone);
        JsonNode afterUndo = next(watcher.connectionId, m -> true);

        assertThat(bothLive.get("checkedIn").asLong()).isEqualTo(1);
        assertThat(byKey(bothLive.get("byGate"), "gate")).containsOnly(Map.entry("North", "1"));
        assertThat(byKey(bothLive.get("byTicketType"), "name")).containsEntry("General", "1/1");
        assertThat(afterUndo.get("checkedIn").asLong()).isEqualTo(1);
        assertThat(byKey(afterUndo.get("byGate"), "gate")).containsOnly(Map.entry("South", "1"));
        assertThat(byKey(afterUndo.get("byTicketType"), "name")).containsEntry("General", "1/1");
    }

    @Test
    void givenScansAcrossTypesGatesAndASession_thenEachCountIsRight_overTheSocketAndOverRest() {
        String vip = createTicketType(owner, orgId, eventId, "VIP", 0, 10);
        String sessionId = call(as(owner, CREATE_SESSION).path("orgId", orgId).path("eventId", eventId).json("""
                {"title": "Keynote", "startsAt": "%s", "endsAt": "%s"}"""
                .formatted(Instant.now().plus(Duration.ofHours(3)), Instant.now().plus(Duration.ofHours(4)))))
                .body().get("id").asText();
        JsonNode a = register("A", general);
        JsonNode b = register("B", general);
        JsonNode c = register("C", vip);
        register("D", vip); // expected, never scanned
        Opened watcher = connect(tokens.tokenFor(staff), Map.of("orgId", orgId, "eventId", eventId));

        scan(a, "a", "North", null);
        scan(b, "b", "South", null);
        scan(c, "c", "North", null);
        scan(a, "a-keynote", "Hall 1", sessionId);
        JsonNode pushed = next(watcher.connectionId, m -> m.get("checkedIn").asLong() == 3 && m.get("bySession").size() == 1);
        Response rest = call(as(staff, GET_DASHBOARD).path("orgId", orgId).path("eventId", eventId));

        for (JsonNode counts : List.of(pushed, rest.body())) {
            assertThat(counts.get("checkedIn").asLong()).isEqualTo(3);
            assertThat(counts.get("expected").asLong()).isEqualTo(4);
            assertThat(byKey(counts.get("byTicketType"), "name")).containsEntry("General", "2/2").containsEntry("VIP", "1/2");
            assertThat(byKey(counts.get("byGate"), "gate")).containsOnly(Map.entry("North", "2"), Map.entry("South", "1"));
            assertThat(byKey(counts.get("bySession"), "sessionId")).containsOnly(Map.entry(sessionId, "1"));
        }
        assertThat(rest.body().get("type").asText()).isEqualTo("snapshot");
        assertThat(call(as(TestTokens.newUser("Eve"), GET_DASHBOARD).path("orgId", orgId).path("eventId", eventId)).status())
                .isEqualTo(404);
    }

    @Test
    void givenADisconnectedWatcher_thenItIsForgotten_andTheOthersStillGetTheirPushes() {
        JsonNode ticket = register("Ann", general);
        Opened leaving = connect(tokens.tokenFor(staff), Map.of("orgId", orgId, "eventId", eventId));
        Opened staying = connect(tokens.tokenFor(owner), Map.of("orgId", orgId, "eventId", eventId));

        APIGatewayV2WebSocketResponse closed = socket.handleRequest(event("$disconnect", leaving.connectionId, null, null, null), null);
        scan(ticket, "s", "G", null);

        assertThat(closed.getStatusCode()).isEqualTo(200);
        assertThat(next(staying.connectionId, m -> m.get("checkedIn").asLong() == 1)).isNotNull();
        assertThat(gateway.inbox(leaving.connectionId)).isEmpty();
    }

    // ---- fixtures ----

    record Opened(String connectionId, APIGatewayV2WebSocketResponse response) {
    }

    private Opened connect(String token, Map<String, String> query) {
        String id = gateway.newConnection();
        Map<String, String> q = new HashMap<>(query);
        if (token != null) {
            q.put("token", token);
        }
        return new Opened(id, socket.handleRequest(event("$connect", id, q, Map.of("Host", "localhost"), null), null));
    }

    private void message(String connectionId, String body) {
        assertThat(socket.handleRequest(event("$default", connectionId, null, null, body), null).getStatusCode()).isEqualTo(200);
    }

    static APIGatewayV2WebSocketEvent event(String route, String connectionId, Map<String, String> query,
                                            Map<String, String> headers, String body) {
        var context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(route);
        context.setEventType(switch (route) {
            case "$connect" -> "CONNECT";
            case "$disconnect" -> "DISCONNECT";
            default -> "MESSAGE";
        });
        context.setConnectionId(connectionId);
        context.setRequestId(java.util.UUID.randomUUID().toString());
        context.setStage("prod");
        var event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setQueryStringParameters(query);
        event.setHeaders(headers);
        event.setBody(body);
        return event;
    }

    /** The next message to the connection that satisfies the predicate, within a second. */
    private static JsonNode next(String connectionId, Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        List<String> seen = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                String m = gateway.inbox(connectionId).poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (m == null) {
                    break;
                }
                seen.add(m);
                JsonNode node = json.readTree(m);
                if (wanted.test(node)) {
                    return node;
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("No wanted message within a second; got " + seen);
    }

    private static Map<String, String> byKey(JsonNode items, String key) {
        Map<String, String> out = new HashMap<>();
        items.forEach(i -> out.put(i.get(key).asText(), i.has("expected")
                ? i.get("checkedIn").asText() + "/" + i.get("expected").asText() : i.get("checkedIn").asText()));
        return out;
    }

    private JsonNode register(String name, String ticketTypeId) {
        Response r = call(as(TestTokens.newUser(name), REGISTER).path("eventId", eventId).json(oneTicket(ticketTypeId, name)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("tickets").get(0);
    }

    private Response scan(JsonNode ticket, String scanId, String gate, String sessionId) {
        return call(as(staff, CHECK_IN).path("orgId", orgId).path("eventId", eventId).json("""
                {"code": "%s", "scanId": "%s", "gate": "%s"%s}""".formatted(ticket.get("qrCode").asText(), scanId, gate,
                sessionId == null ? "" : ", \"sessionId\": \"" + sessionId + "\"")));
    }
}
