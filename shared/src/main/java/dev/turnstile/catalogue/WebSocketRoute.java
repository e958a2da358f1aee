package dev.turnstile.catalogue;

import java.util.Set;

/**
 * A route of the WebSocket API, by its route key: API Gateway's WebSocket API in AWS, the local
 * runtime's WebSocket server locally. Both turn a connection's open, messages and close into the
 * {@code APIGatewayV2WebSocketEvent} the function receives.
 */
public record WebSocketRoute(String key) {

    // before the constants: they are checked against it as they are built
    private static final Set<String> KEYS = Set.of("$connect", "$disconnect", "$default");

    /** A client opens a connection: the function accepts it (200) or refuses it (401, 403, 404). */
    public static final WebSocketRoute CONNECT = new WebSocketRoute("$connect");
    /** The connection closed, from either side. */
    public static final WebSocketRoute DISCONNECT = new WebSocketRoute("$disconnect");
    /** Every client message (no route selection by action: the protocol has one). */
    public static final WebSocketRoute DEFAULT = new WebSocketRoute("$default");

    public WebSocketRoute {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("Only $connect, $disconnect and $default are served: " + key);
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
