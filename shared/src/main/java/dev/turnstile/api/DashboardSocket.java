package dev.turnstile.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.turnstile.adapters.websocket.DashboardMessageCodec;
import dev.turnstile.common.DomainException;
import dev.turnstile.common.Unauthenticated;
import dev.turnstile.identity.Principal;
import dev.turnstile.wiring.Services;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard's WebSocket edge, as API Gateway's WebSocket API invokes it (and the local
 * runtime, which builds the same events). {@code $connect} takes {@code orgId} and {@code eventId}
 * as query parameters and the bearer token as the {@code token} query parameter or as the second
 * entry of {@code Sec-WebSocket-Protocol: turnstile.dashboard, <token>} (browsers cannot set an
 * Authorization header on a WebSocket). A refusal is the HTTP status of the upgrade (400, 401, 403,
 * 404) with a problem+json body. Protocol: docs/check-in.md, "Live dashboard".
 */
public final class DashboardSocket {

    /** The subprotocol a client names (and the server echoes) when it sends its token in the header. */
    public static final String SUBPROTOCOL = "turnstile.dashboard";

    private static final Logger log = LoggerFactory.getLogger(DashboardSocket.class);

    private final Services services;

    public DashboardSocket(Services services) {
        this.services = services;
    }

    public APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        String connectionId = context == null ? null : context.getConnectionId();
        String requestId = context == null ? null : context.getRequestId();
        if (connectionId == null || connectionId.isBlank()) {
            return response(Problems.problem(400, "bad_request", "Not a WebSocket API event", null, requestId, null));
        }
        try {
            return switch (context.getRouteKey() == null ? "" : context.getRouteKey()) {
                case "$connect" -> connect(event, connectionId);
                case "$disconnect" -> {
                    services.disconnectDashboard.disconnect(connectionId);
                    yield ok(Map.of());
                }
                case "$default" -> {
                    services.sendDashboardSnapshot.handle(connectionId, DashboardMessageCodec.action(event.getBody()));
                    yield ok(Map.of());
                }
                default -> response(Problems.problem(404, "route_not_found", "No WebSocket route " + context.getRouteKey(),
                        null, requestId, null));
            };
        } catch (DomainException e) {
            return response(Problems.of(e, null, requestId));
        } catch (BadRequest e) {
            return response(Problems.badRequest(e, null, requestId));
        } catch (RuntimeException e) {
            log.error("WebSocket request {} {} failed", requestId, context.getRouteKey(), e);
            return response(Problems.problem(500, "internal_error", "Something went wrong on our side", null, requestId, null));
        }
    }

    private APIGatewayV2WebSocketResponse connect(APIGatewayV2WebSocketEvent event, String connectionId) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        List<String> offered = subprotocols(header(event, "sec-websocket-protocol"));
        String token = query.get("token");
        if ((token == null || token.isBlank()) && offered.size() == 2 && offered.getFirst().equals(SUBPROTOCOL)) {
            token = offered.get(1);
        }
        if (token == null || token.isBlank()) {
            throw new Unauthenticated("Send the bearer token as the token query parameter, or as Sec-WebSocket-Protocol: "
                    + SUBPROTOCOL + ", <token>");
        }
        UUID orgId = uuid(query, "orgId");
        UUID eventId = uuid(query, "eventId");
        Principal staff = services.tokens.verify(token.strip());
        services.connectDashboard.connect(staff, orgId, eventId, connectionId);
        // a client that offered subprotocols must get one back, or the browser drops the connection
        return ok(offered.contains(SUBPROTOCOL) ? Map.of("Sec-WebSocket-Protocol", SUBPROTOCOL) : Map.of());
    }

    private static UUID uuid(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new BadRequest(name, "is required as a query parameter");
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(name, "must be a UUID");
        }
    }

    private static List<String> subprotocols(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String header(APIGatewayV2WebSocketEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        return event.getHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static APIGatewayV2WebSocketResponse ok(Map<String, String> headers) {
        APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
        r.setStatusCode(200);
        r.setHeaders(new LinkedHashMap<>(headers));
        return r;
    }

    private static APIGatewayV2WebSocketResponse response(ApiResponse problem) {
        APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
        r.setStatusCode(problem.status());
        r.setHeaders(new LinkedHashMap<>(problem.headers()));
        r.setBody(problem.body());
        return r;
    }
}
