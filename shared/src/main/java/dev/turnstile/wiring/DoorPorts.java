package dev.turnstile.wiring;

import dev.turnstile.checkin.CheckInEvents;
import dev.turnstile.checkin.ConnectionPoster;
import dev.turnstile.checkin.DashboardConnections;
import dev.turnstile.checkin.DoorState;
import java.util.concurrent.Executor;

/**
 * The door's infrastructure, which differs by host: the hot check-in table (DynamoDB, or dynalite
 * locally), where check-in events go (EventBridge, or the in-process bus), where the door's copy
 * of a ticket is refreshed after a change commits and the dashboard's counts are reseeded (the
 * request's own thread in Lambda, whose container freezes after the response; a background thread
 * in the local runtime), and the live dashboard's connections and the way to post to them (the
 * WebSocket API's PostToConnection, or the local runtime's WebSocket server).
 */
public record DoorPorts(DoorState state, CheckInEvents events, Executor syncExecutor,
                        DashboardConnections dashboardConnections, ConnectionPoster poster) {

    /** A host without the live dashboard: connecting or pushing there fails loudly instead of doing nothing. */
    public DoorPorts(DoorState state, CheckInEvents events, Executor syncExecutor) {
        this(state, events, syncExecutor, Unwired.CONNECTIONS, Unwired.POSTER);
    }

    /** The poster of a function that never posts: it says so if it is asked to. */
    public static ConnectionPoster noWebSocketApi() {
        return Unwired.POSTER;
    }

    private static final class Unwired implements DashboardConnections {
        static final DashboardConnections CONNECTIONS = new Unwired();
        static final ConnectionPoster POSTER = (ids, message) -> {
            throw new IllegalStateException("No WebSocket API is wired in this host (TURNSTILE_WS_CALLBACK_URL)");
        };

        private static IllegalStateException unwired() {
            return new IllegalStateException("The live dashboard's connections are not wired in this host");
        }

        @Override
        public void register(Connection connection) {
            throw unwired();
        }

        @Override
        public java.util.Optional<Connection> find(String connectionId) {
            throw unwired();
        }

        @Override
        public java.util.List<Connection> ofEvent(java.util.UUID eventId) {
            throw unwired();
        }

        @Override
        public void remove(String connectionId) {
            throw unwired();
        }
    }
}
