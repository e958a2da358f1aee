package dev.turnstile.checkin;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.Optional;

/**
 * The queue consumer's work: brings PostgreSQL's {@code check_ins} in line with the hot table for
 * the ticket and scope an event names. It reads the current admission instead of replaying the
 * event, so a duplicate, a late or a reordered delivery (an undo before its check-in) all converge
 * on the same row: at-least-once delivery, applied exactly once.
 */
public final class RecordCheckIns {

    private final Transactions transactions;
    private final DoorState door;
    private final CheckInLedger ledger;

    public RecordCheckIns(Transactions transactions, DoorState door, CheckInLedger ledger) {
        this.transactions = transactions;
        this.door = door;
        this.ledger = ledger;
    }

    /** True if the record changed. */
    public boolean record(CheckInEvent event) {
        Scope scope = Scope.of(event.sessionId());
        Optional<CheckInRecord> current = scope.session()
                .map(session -> door.sessionCheckIn(event.ticketId(), session))
                .orElseGet(() -> door.ticket(event.ticketId())
                        .filter(t -> t.ticket().orgId().equals(event.orgId()))
                        .flatMap(DoorState.Stored::checkIn));
        return transactions.write(TenantContext.system(event.orgId()),
                () -> ledger.match(event.orgId(), event.ticketId(), scope, current));
    }
}
