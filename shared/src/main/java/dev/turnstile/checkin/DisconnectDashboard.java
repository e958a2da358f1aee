package dev.turnstile.checkin;

/** Forgets a closed dashboard connection (the client left, or the gateway closed it). */
public final class DisconnectDashboard {

    private final DashboardConnections connections;

    public DisconnectDashboard(DashboardConnections connections) {
        this.connections = connections;
    }

    public void disconnect(String connectionId) {
        connections.remove(connectionId);
    }
}
