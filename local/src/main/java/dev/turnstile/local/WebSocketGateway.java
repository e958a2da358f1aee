package dev.turnstile.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.turnstile.adapters.websocket.DashboardMessageCodec;
import dev.turnstile.checkin.ConnectionPoster;
import dev.turnstile.checkin.DashboardMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for API Gateway's WebSocket API, on its own loopback port (in AWS the
 * WebSocket API is a separate endpoint too). A handshake becomes the {@code $connect} event the
 * catalogue's WebSocket function receives — refused with the function's HTTP status, accepted with
 * a connection id —, each text message a {@code $default} event, a close {@code $disconnect}. It is
 * also the {@code PostToConnection} stand-in: posting writes to the socket, and a connection that
 * is no longer open is reported gone.
 */
final class WebSocketGateway extends WebSocketServer implements ConnectionPoster {

    private static final Logger log = LoggerFactory.getLogger(WebSocketGateway.class);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final SecureRandom random = new SecureRandom();

    private RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> function;
    /** Connections by id, from the accepted handshake on (before onOpen: a post may race the opening). */
    private final Map<String, WebSocket> connections = new ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

    WebSocketGateway(InetSocketAddress address) {
        // any subprotocol is accepted here; the function decides (the empty protocol admits clients that name none)
        super(address, List.of(new Draft_6455(List.of(), List.of(new Protocol("turnstile.dashboard"), new Protocol("")))));
        setReuseAddr(true);
        setDaemon(true);
    }

    /** The handler is built after the services, which need this gateway as their poster. */
    void serve(RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> function) {
        this.function = function;
    }

    /** Starts listening and waits until the port is bound (a random one for port 0). */
    void startAndWait() {
        start();
        try {
            if (!started.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("The WebSocket server did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "ws://localhost:" + getPort();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request)
            throws InvalidDataException {
        ServerHandshakeBuilder builder = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        String connectionId = newConnectionId();
        URI uri = URI.create(request.getResourceDescriptor());
        Map<String, String> headers = new HashMap<>();
        for (Iterator<String> names = request.iterateHttpFields(); names.hasNext(); ) {
            String name = names.next();
            headers.put(name, request.getFieldValue(name));
        }
        APIGatewayV2WebSocketResponse response = invoke(event("$connect", "CONNECT", connectionId, query(uri.getRawQuery()),
                headers, null));
        if (response.getStatusCode() != 200) {
            refuse(conn, response);
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "refused by $connect: " + response.getStatusCode());
        }
        conn.setAttachment(connectionId);
        connections.put(connectionId, conn);
        return builder;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        // registered at the handshake
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        String connectionId = conn.getAttachment();
        if (connectionId != null) {
            invoke(event("$default", "MESSAGE", connectionId, null, null, message));
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        // API Gateway hands binary frames to $default base64-encoded; the dashboard protocol is text only
        onMessage(conn, StandardCharsets.UTF_8.decode(message).toString());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        String connectionId = conn.getAttachment();
        if (connectionId != null && connections.remove(connectionId) != null) {
            invoke(event("$disconnect", "DISCONNECT", connectionId, null, null, null));
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        log.warn("WebSocket error on {}", conn == null ? "the server" : conn.getAttachment(), ex);
    }

    @Override
    public void onStart() {
        started.countDown();
        log.info("WebSocket API stand-in listening at {}", url());
    }

    @Override
    public Set<String> post(Collection<String> connectionIds, DashboardMessage message) {
        String json = DashboardMessageCodec.write(message);
        Set<String> gone = new HashSet<>();
        for (String id : connectionIds) {
            WebSocket conn = connections.get(id);
            if (conn == null || conn.isClosing() || conn.isClosed()) {
                gone.add(id);
            } else if (conn.isOpen()) {
                conn.send(json);
            }
            // accepted but not open yet: as in AWS the message is not delivered; the client asks for a snapshot
        }
        return gone;
    }

    private APIGatewayV2WebSocketResponse invoke(APIGatewayV2WebSocketEvent event) {
        try {
            return function.handleRequest(event, null);
        } catch (RuntimeException e) {
            log.error("WebSocket function failed on {}", event.getRequestContext().getRouteKey(), e);
            APIGatewayV2WebSocketResponse failed = new APIGatewayV2WebSocketResponse();
            failed.setStatusCode(500);
            return failed;
        }
    }

    /**
     * What API Gateway answers a refused upgrade: the function's status and body. Java-WebSocket
     * can only answer 404 itself, so the response is written to the socket first; the library's own
     * answer that follows arrives after the client has read ours.
     */
    private static void refuse(WebSocket conn, APIGatewayV2WebSocketResponse response) {
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String contentType = response.getHeaders() == null ? "text/plain"
                : response.getHeaders().getOrDefault("Content-Type", "text/plain");
        String head = "HTTP/1.1 " + response.getStatusCode() + " Refused\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        try {
            ByteChannel channel = ((WebSocketImpl) conn).getChannel();
            ByteBuffer out = ByteBuffer.wrap((head + body).getBytes(StandardCharsets.UTF_8));
            for (int spins = 0; out.hasRemaining() && spins < 1000; spins++) {
                channel.write(out);
            }
        } catch (IOException | ClassCastException e) {
            log.debug("Could not write the refusal", e);
        }
    }

    private static APIGatewayV2WebSocketEvent event(String route, String type, String connectionId, Map<String, String> query,
                                                    Map<String, String> headers, String body) {
        Instant now = Instant.now();
        var context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(route);
        context.setEventType(type);
        context.setConnectionId(connectionId);
        context.setRequestId(UUID.randomUUID().toString());
        context.setMessageDirection("IN");
        context.setStage("local");
        context.setApiId("local");
        context.setDomainName("localhost");
        context.setRequestTimeEpoch(now.toEpochMilli());
        context.setRequestTime(REQUEST_TIME.format(now));
        var event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setQueryStringParameters(query == null || query.isEmpty() ? null : query);
        event.setHeaders(headers);
        event.setBody(body);
        return event;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /** Like API Gateway's: 12 random bytes, base64 (e.g. {@code L0SM9cOFvHcCIhw=}). */
    private static String newConnectionId() {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
