package dev.turnstile.checkin;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import java.util.UUID;

/** The dashboard's counts over REST (staff or higher): the same view the WebSocket pushes, for a first paint. */
public final class GetDashboardCounts {

    private final DoorFacts facts;
    private final DashboardTally tally;

    public GetDashboardCounts(DoorFacts facts, DashboardTally tally) {
        this.facts = facts;
        this.tally = tally;
    }

    public DashboardCounts counts(Principal staff, UUID orgId, UUID eventId) {
        facts.authorize(staff, orgId, eventId, Role.STAFF);
        return tally.counts(orgId, eventId);
    }
}
