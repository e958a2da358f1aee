package dev.turnstile.checkin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The open dashboard connections, by event: items in the check-in table (DynamoDB in AWS, dynalite
 * locally), so that the function that accepts a connection and the one that pushes to it need not
 * be the same container. Keys: docs/check-in.md, "Live dashboard".
 */
public interface DashboardConnections {

    /** These connections, each event's list remembered for a second (see {@link CachedDashboardConnections}). */
    static DashboardConnections cached(DashboardConnections table) {
        return new CachedDashboardConnections(table);
    }

    void register(Connection connection);

    Optional<Connection> find(String connectionId);

    List<Connection> ofEvent(UUID eventId);

    /** Forgets the connection; one that is not known is no error. */
    void remove(String connectionId);

    /** Who watches which event since when, through which connection of the WebSocket API. */
    record Connection(String connectionId, UUID orgId, UUID eventId, UUID userId, Instant connectedAt) {
        public Connection {
            Objects.requireNonNull(connectionId);
            Objects.requireNonNull(orgId);
            Objects.requireNonNull(eventId);
            Objects.requireNonNull(userId);
            Objects.requireNonNull(connectedAt);
        }
    }
}
