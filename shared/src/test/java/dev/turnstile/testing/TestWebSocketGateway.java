package dev.turnstile.testing;

import dev.turnstile.adapters.websocket.DashboardMessageCodec;
import dev.turnstile.checkin.ConnectionPoster;
import dev.turnstile.checkin.DashboardMessage;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The WebSocket API's PostToConnection for handler tests: each connection a test opens is an inbox
 * of the JSON messages posted to it; a connection the test closed is "gone", as API Gateway says.
 */
public final class TestWebSocketGateway implements ConnectionPoster {

    private final Map<String, BlockingQueue<String>> open = new ConcurrentHashMap<>();

    /** A new connection id, as API Gateway assigns one before $connect. */
    public String newConnection() {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "=";
        open.put(id, new LinkedBlockingQueue<>());
        return id;
    }

    public BlockingQueue<String> inbox(String connectionId) {
        return open.get(connectionId);
    }

    public void close(String connectionId) {
        open.remove(connectionId);
    }

    @Override
    public Set<String> post(Collection<String> connectionIds, DashboardMessage message) {
        String json = DashboardMessageCodec.write(message);
        Set<String> gone = new HashSet<>();
        for (String id : connectionIds) {
            BlockingQueue<String> inbox = open.get(id);
            if (inbox == null) {
                gone.add(id);
            } else {
                inbox.add(json);
            }
        }
        return gone;
    }
}
