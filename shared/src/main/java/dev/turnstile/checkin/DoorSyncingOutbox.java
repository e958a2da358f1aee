package dev.turnstile.checkin;

import dev.turnstile.registration.Outbox;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The outbox, plus: when a message announces a change to a registration's tickets, the door's copy
 * of those tickets is refreshed once the change has committed. The message itself stays in the
 * outbox either way, marked refreshed once the refresh succeeded, so the door's repair job only
 * redoes the refreshes that did not happen (a crash between commit and refresh, the table
 * unreachable); a ticket the door has never seen is read through from PostgreSQL at its first scan
 * (docs/check-in.md, "Keeping the door in step").
 */
public final class DoorSyncingOutbox implements Outbox {

    /** Topics after which the door's copy of a registration's tickets may be out of date. */
    static final Set<String> TICKET_CHANGES = Set.of("registration.confirmed", "registration.cancelled",
            "registration.expired", "registration.refunded", "ticket.reissued", "ticket.refunded", "ticket.cancelled");

    private final Outbox outbox;
    private final Transactions transactions;
    private final SyncDoorTickets sync;
    private final Executor executor;
    private final DoorBacklog backlog;
    private final Clock clock;

    /**
     * @param executor where the refresh runs after commit: the caller's thread in Lambda (the
     *                 container freezes after the response), a background thread in the local runtime
     */
    public DoorSyncingOutbox(Outbox outbox, Transactions transactions, SyncDoorTickets sync, Executor executor,
                             DoorBacklog backlog, Clock clock) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.sync = sync;
        this.executor = executor;
        this.backlog = backlog;
        this.clock = clock;
    }

    @Override
    public LongSupplier publish(UUID orgId, String topic, Map<String, Object> payload) {
        LongSupplier id = outbox.publish(orgId, topic, payload);
        if (TICKET_CHANGES.contains(topic) && payload.get("registrationId") instanceof UUID registrationId) {
            transactions.afterCommit(() -> executor.execute(() -> {
                sync.registration(orgId, registrationId);
                transactions.write(TenantContext.system(orgId), () -> {
                    backlog.done(id.getAsLong(), clock.instant()); // written: the transaction committed
                    return null;
                });
            }));
        }
        return id;
    }
}
