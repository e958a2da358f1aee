package dev.turnstile.checkin;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import java.time.Clock;
import java.util.UUID;

/**
 * Opens a live dashboard connection: the caller must be staff or higher in the organization, and
 * the event the organization's (as for the REST check-in routes: a non-member or another
 * organization's event is "not found"). The connection is remembered against the event so that
 * pushes find it. The counts are read now, so that the client's first snapshot is quick.
 */
public final class ConnectDashboard {

    private final DoorFacts facts;
    private final DashboardConnections connections;
    private final DashboardTally tally;
    private final Clock clock;

    public ConnectDashboard(DoorFacts facts, DashboardConnections connections, DashboardTally tally, Clock clock) {
        this.facts = facts;
        this.connections = connections;
        this.tally = tally;
        this.clock = clock;
    }

    public void connect(Principal staff, UUID orgId, UUID eventId, String connectionId) {
        facts.authorize(staff, orgId, eventId, Role.STAFF);
        connections.register(new DashboardConnections.Connection(connectionId, orgId, eventId, staff.userId(),
                clock.instant()));
        tally.track(orgId, eventId);
    }
}
