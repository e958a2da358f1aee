package dev.turnstile.checkin;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /**
     * The events of one queue batch: the hot table is read once for all of them (one call, not one
     * per event: at the door's rate the reads would otherwise double the table's load), then the
     * records of each organization's events are matched in one transaction (one commit per batch
     * and organization, not per event). The answer lists, in order, why each event failed (all of
     * an organization's events fail together, and are retried together), or empty for those recorded.
     */
    public List<Optional<RuntimeException>> record(List<CheckInEvent> events) {
        Map<DoorState.ScopedTicket, Optional<CheckInRecord>> current = door.checkIns(
                events.stream().map(RecordCheckIns::scoped).collect(Collectors.toCollection(LinkedHashSet::new)));
        Map<java.util.UUID, List<CheckInEvent>> byOrganization = events.stream()
                .collect(Collectors.groupingBy(CheckInEvent::orgId, java.util.LinkedHashMap::new, Collectors.toList()));
        Map<java.util.UUID, RuntimeException> failed = new java.util.HashMap<>();
        byOrganization.forEach((orgId, ofOrg) -> {
            try {
                transactions.write(TenantContext.system(orgId), () -> {
                    for (CheckInEvent event : ofOrg) {
                        ledger.match(orgId, event.ticketId(), Scope.of(event.sessionId()),
                                current.getOrDefault(scoped(event), Optional.empty()));
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                failed.put(orgId, e);
            }
        });
        return events.stream().map(e -> Optional.ofNullable(failed.get(e.orgId()))).toList();
    }

    private static DoorState.ScopedTicket scoped(CheckInEvent event) {
        return new DoorState.ScopedTicket(event.orgId(), event.ticketId(), Scope.of(event.sessionId()));
    }
}
