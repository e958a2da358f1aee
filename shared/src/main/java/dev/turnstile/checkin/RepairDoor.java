package dev.turnstile.checkin;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's repair path, on a schedule: refreshes the check-in table from PostgreSQL for every
 * ticket change whose after-commit refresh is not confirmed (the process died in between, or the
 * table was unreachable), then marks the change done. It waits {@link #GRACE} before touching a
 * change, so the normal path goes first; a refresh writes current state, so a second one is harmless.
 */
public final class RepairDoor {

    private static final Logger log = LoggerFactory.getLogger(RepairDoor.class);
    static final Duration GRACE = Duration.ofSeconds(30);
    static final int BATCH = 500;

    private final Transactions transactions;
    private final DoorBacklog backlog;
    private final SyncDoorTickets sync;
    private final Clock clock;

    public RepairDoor(Transactions transactions, DoorBacklog backlog, SyncDoorTickets sync, Clock clock) {
        this.transactions = transactions;
        this.backlog = backlog;
        this.sync = sync;
        this.clock = clock;
    }

    /** How many changes this run brought to the door. */
    public int run() {
        Instant now = clock.instant();
        int repaired = 0;
        for (DoorBacklog.Item item : transactions.read(TenantContext.none(),
                () -> backlog.due(DoorSyncingOutbox.TICKET_CHANGES, now.minus(GRACE), BATCH))) {
            if (Thread.currentThread().isInterrupted()) {
                break; // shutting down: the rest stays due for the next run
            }
            try {
                sync.registration(item.orgId(), item.registrationId());
                transactions.write(TenantContext.system(item.orgId()), () -> {
                    backlog.done(item.messageId(), now);
                    return null;
                });
                repaired++;
            } catch (RuntimeException e) {
                log.error("Could not bring registration {} of organization {} to the door; the next run retries",
                        item.registrationId(), item.orgId(), e);
            }
        }
        return repaired;
    }
}
