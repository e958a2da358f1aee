package dev.turnstile.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.api.ApiGatewayFunction;
import dev.turnstile.wiring.Services;
import dev.turnstile.catalogue.FunctionCatalogue;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Route;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestDatabase;
import dev.turnstile.testing.TestClock;
import dev.turnstile.testing.TestDoor;
import dev.turnstile.testing.TestS3;
import dev.turnstile.testing.TestTokens;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls the Lambda handlers exactly as API Gateway would: a proxy event in, a proxy response out,
 * against the real PostgreSQL. Each route goes to the handler the catalogue assigns it.
 */
public abstract class ApiTestSupport {

    protected static final TestDatabase db = TestDatabase.get();
    protected static final TestTokens tokens = new TestTokens();
    protected static final TestClock clock = new TestClock();
    protected static final TestDoor door = TestDoor.get();
    /** Ticket PDFs go to the S3 stand-in, started once per test JVM (testing.TestS3). */
    protected static final Services services = new Services(db.app(), tokens.verifier(), door.ports(),
            TestS3.ticketFiles(), clock);
    private static final Map<String, ApiGatewayFunction> handlers = handlers();
    private static final ObjectMapper json = new ObjectMapper();

    private static Map<String, ApiGatewayFunction> handlers() {
        Map<String, ApiGatewayFunction> byName = new HashMap<>();
        for (FunctionSpec spec : FunctionCatalogue.http()) {
            try {
                byName.put(spec.name(), (ApiGatewayFunction) Class.forName(spec.handler())
                        .getConstructor(Services.class).newInstance(services));
            } catch (ClassNotFoundException inAnotherModule) {
                // a function of another module (functions/checkin tests its own, extending this class)
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot instantiate " + spec.handler(), e);
            }
        }
        return byName;
    }

    public record Response(int status, Map<String, String> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        public String code() {
            return body == null ? null : body.path("code").asText(null);
        }
    }

    protected static Response call(ApiCall call) {
        var event = call.event();
        FunctionSpec owner = FunctionCatalogue.http().stream()
                .filter(f -> f.routes().stream().anyMatch(r -> r.key().equals(event.getHttpMethod() + " " + event.getResource())))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No function serves " + event.getResource()));
        ApiGatewayFunction handler = handlers.get(owner.name());
        if (handler == null) {
            throw new IllegalStateException(owner.handler() + " is not on this module's test classpath");
        }
        return send(handler, call);
    }

    protected static Response send(ApiGatewayFunction handler, ApiCall call) {
        APIGatewayProxyResponseEvent r = handler.handleRequest(call.event(), null);
        try {
            JsonNode body = r.getBody() == null ? null : json.readTree(r.getBody());
            return new Response(r.getStatusCode(), r.getHeaders(), body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static ApiCall as(Principal user, Route route) {
        return ApiCall.to(route).token(tokens.tokenFor(user));
    }

    // ---- fixtures through the API itself ----

    protected static String createOrg(Principal owner) {
        Response r = call(as(owner, dev.turnstile.catalogue.ApiRoutes.CREATE_ORGANIZATION)
                .json("{\"name\": \"Org of " + owner.name() + "\", \"slug\": \"" + uniqueSlug("org") + "\"}"));
        if (r.status() != 201) {
            throw new AssertionError("create org: " + r);
        }
        return r.body().get("id").asText();
    }

    /** A two-day in-person event starting 30 days from now. */
    protected static String createEvent(Principal admin, String orgId) {
        return createEvent(admin, orgId, uniqueSlug("event"), java.time.Instant.now().plus(java.time.Duration.ofDays(30)));
    }

    protected static String createEvent(Principal admin, String orgId, String slug, java.time.Instant startsAt) {
        Response r = call(as(admin, dev.turnstile.catalogue.ApiRoutes.CREATE_EVENT).path("orgId", orgId).json("""
                {"title": "DevConf", "slug": "%s", "type": "in_person", "startsAt": "%s", "endsAt": "%s",
                 "timeZone": "Europe/Berlin", "location": {"venue": "Messe Berlin", "city": "Berlin"},
                 "tags": ["java", "cloud"]}
                """.formatted(slug, startsAt, startsAt.plus(java.time.Duration.ofDays(2)))));
        if (r.status() != 201) {
            throw new AssertionError("create event: " + r);
        }
        return r.body().get("id").asText();
    }

    protected static String createTicketType(Principal admin, String orgId, String eventId, String name, long priceMinor,
                                             int capacity) {
        Response r = call(as(admin, dev.turnstile.catalogue.ApiRoutes.CREATE_TICKET_TYPE).path("orgId", orgId)
                .path("eventId", eventId).json("""
                        {"name": "%s", "priceMinor": %d, "currency": "EUR", "capacity": %d}
                        """.formatted(name, priceMinor, capacity)));
        if (r.status() != 201) {
            throw new AssertionError("create ticket type: " + r);
        }
        return r.body().get("id").asText();
    }

    /** Adds a member with a role, as the database owner would: membership invitations come later. */
    protected static void addMember(String orgId, Principal user, String role) {
        try (var c = db.owner().getConnection()) {
            try (var ps = c.prepareStatement("INSERT INTO users (id, email, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, user.userId());
                ps.setString(2, user.email());
                ps.setString(3, user.name());
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("INSERT INTO org_members (org_id, user_id, role) VALUES (?::uuid, ?, ?::org_role)")) {
                ps.setString(1, orgId);
                ps.setObject(2, user.userId());
                ps.setString(3, role);
                ps.executeUpdate();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A published event with one ticket type of the given price and capacity; returns {eventId, ticketTypeId}. */
    protected static String[] publishedEvent(Principal owner, String orgId, long priceMinor, int capacity) {
        String eventId = createEvent(owner, orgId);
        String ticketTypeId = createTicketType(owner, orgId, eventId, "General", priceMinor, capacity);
        Response published = call(as(owner, dev.turnstile.catalogue.ApiRoutes.PUBLISH_EVENT).path("orgId", orgId)
                .path("eventId", eventId));
        if (published.status() != 200) {
            throw new AssertionError("publish: " + published);
        }
        return new String[] {eventId, ticketTypeId};
    }

    /** One ticket for the given attendee name, as a registration request body. */
    protected static String oneTicket(String ticketTypeId, String name) {
        return "{\"tickets\": [{\"ticketTypeId\": \"" + ticketTypeId + "\", \"attendeeName\": \"" + name + "\"}]}";
    }

    /** sold and held of a ticket type, read behind the application's back. */
    protected static int[] soldAndHeld(String ticketTypeId) {
        try (var c = db.owner().getConnection();
             var ps = c.prepareStatement("SELECT quantity_sold, quantity_held FROM ticket_types WHERE id = ?::uuid")) {
            ps.setString(1, ticketTypeId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static long count(String sql, Object... params) {
        try (var c = db.owner().getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String uniqueSlug(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
