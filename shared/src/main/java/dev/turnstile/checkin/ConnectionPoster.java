package dev.turnstile.checkin;

import java.util.Collection;
import java.util.Set;

/**
 * Sends a message down open WebSocket connections: the WebSocket API's {@code PostToConnection}
 * management call in AWS, a write to the socket in the local runtime.
 */
public interface ConnectionPoster {

    /** Posts the message to each connection; the ones reported gone (closed by the client or the gateway). */
    Set<String> post(Collection<String> connectionIds, DashboardMessage message);
}
