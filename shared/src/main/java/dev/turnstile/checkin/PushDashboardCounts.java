package dev.turnstile.checkin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * After a batch of check-in events: the counts of each event the batch touched, posted to each of
 * its dashboard connections, once per event per batch however many scans it held. A connection the
 * gateway reports gone is forgotten — unless it opened a moment ago: the gateway also says "gone"
 * to a post that races the connection's own acceptance.
 */
public final class PushDashboardCounts {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PushDashboardCounts.class);
    static final Duration ACCEPTANCE_GRACE = Duration.ofSeconds(10);

    private final DashboardConnections connections;
    private final DashboardTally tally;
    private final ConnectionPoster poster;
    private final Clock clock;

    public PushDashboardCounts(DashboardConnections connections, DashboardTally tally, ConnectionPoster poster, Clock clock) {
        this.connections = connections;
        this.tally = tally;
        this.poster = poster;
        this.clock = clock;
    }

    public void push(List<CheckInEvent> batch) {
        Map<UUID, List<CheckInEvent>> byEvent = new LinkedHashMap<>();
        for (CheckInEvent e : batch) {
            byEvent.computeIfAbsent(e.eventId(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<UUID, List<CheckInEvent>> entry : byEvent.entrySet()) {
            List<CheckInEvent> events = entry.getValue();
            UUID orgId = events.getFirst().orgId();
            List<DashboardConnections.Connection> watching = connections.ofEvent(entry.getKey()).stream()
                    .filter(c -> c.orgId().equals(orgId)).toList();
            if (!watching.isEmpty()) {
                // read the index before applying: an index a moment behind the events is then corrected by them
                tally.track(orgId, entry.getKey());
            }
            tally.apply(events);
            if (watching.isEmpty()) {
                continue;
            }
            DashboardCounts counts = tally.counts(orgId, entry.getKey());
            Set<String> gone = poster.post(watching.stream().map(DashboardConnections.Connection::connectionId).toList(),
                    DashboardMessage.Counts.pushed(counts));
            for (DashboardConnections.Connection c : watching) {
                if (gone.contains(c.connectionId()) && c.connectedAt().plus(ACCEPTANCE_GRACE).isBefore(clock.instant())) {
                    log.info("Dashboard connection {} is gone; forgetting it", c.connectionId());
                    connections.remove(c.connectionId());
                }
            }
        }
    }
}
