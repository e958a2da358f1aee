package dev.turnstile.checkin;

import java.util.List;
import java.util.Optional;

/**
 * Answers a client's message on an open connection: {@code snapshot} sends the counts now (a
 * client asks for one right after connecting, since the gateway delivers nothing before the
 * connection is accepted); anything else gets an error message. The connection's organization and
 * event are the ones authorized when it opened.
 */
public final class SendDashboardSnapshot {

    private final DashboardConnections connections;
    private final DashboardTally tally;
    private final ConnectionPoster poster;

    public SendDashboardSnapshot(DashboardConnections connections, DashboardTally tally, ConnectionPoster poster) {
        this.connections = connections;
        this.tally = tally;
        this.poster = poster;
    }

    /** Handles one client message: the action it names, or empty for a message that is not one. */
    public void handle(String connectionId, Optional<String> action) {
        Optional<DashboardConnections.Connection> connection = connections.find(connectionId);
        if (connection.isEmpty()) {
            poster.post(List.of(connectionId), new DashboardMessage.Error("not_connected",
                    "This connection is not registered for an event; reconnect"));
            return;
        }
        if (action.isEmpty() || !action.get().equals("snapshot")) {
            poster.post(List.of(connectionId), new DashboardMessage.Error("unknown_action",
                    "Send {\"action\": \"snapshot\"}; the server pushes counts by itself after each scan"));
            return;
        }
        DashboardConnections.Connection c = connection.get();
        poster.post(List.of(connectionId), DashboardMessage.Counts.snapshot(tally.counts(c.orgId(), c.eventId())));
    }
}
