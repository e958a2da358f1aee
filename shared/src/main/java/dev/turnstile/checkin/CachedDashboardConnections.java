package dev.turnstile.checkin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard connections of an event, remembered for {@link #FRESH_FOR_NANOS}: the push runs
 * after every batch of scans, and reading the table each time queues it behind the scans' own
 * writes (dynalite serves one request at a time; DynamoDB bills each). A connection opened or
 * closed through this process is seen at once; one opened through another container (the socket
 * function in AWS) within a second — and a new client asks for a snapshot first anyway.
 */
final class CachedDashboardConnections implements DashboardConnections {

    static final long FRESH_FOR_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Read(long atNanos, List<Connection> connections) {
    }

    private final DashboardConnections table;
    private final Map<UUID, Read> byEvent = new ConcurrentHashMap<>();

    CachedDashboardConnections(DashboardConnections table) {
        this.table = table;
    }

    @Override
    public void register(Connection connection) {
        table.register(connection);
        byEvent.remove(connection.eventId());
    }

    @Override
    public Optional<Connection> find(String connectionId) {
        return table.find(connectionId);
    }

    @Override
    public List<Connection> ofEvent(UUID eventId) {
        long now = System.nanoTime();
        Read read = byEvent.get(eventId);
        if (read == null || now - read.atNanos() > FRESH_FOR_NANOS) {
            read = new Read(now, List.copyOf(table.ofEvent(eventId)));
            byEvent.put(eventId, read);
        }
        return read.connections();
    }

    @Override
    public void remove(String connectionId) {
        table.remove(connectionId);
        byEvent.clear(); // the id alone does not say which event's list held it; disconnects are rare
    }
}
