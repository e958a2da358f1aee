package dev.turnstile.checkin;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a scanner device takes along to check tickets in without a network: the event's public
 * keys (to verify a code's signature), its check-in window, every ticket that admits someone with
 * its current code version and the names to show, the tickets that no longer admit anyone, and the
 * admissions recorded so far. The device then answers as the scan route would, and later hands its
 * scans to {@link SyncOfflineScans} (docs/check-in.md, "Offline scanning").
 */
public final class ExportOfflineKit {

    private final Transactions transactions;
    private final DoorFacts facts;
    private final TicketSource source;
    private final DoorState door;
    private final Clock clock;

    public ExportOfflineKit(Transactions transactions, DoorFacts facts, TicketSource source, DoorState door, Clock clock) {
        this.transactions = transactions;
        this.facts = facts;
        this.source = source;
        this.door = door;
        this.clock = clock;
    }

    /** An admission the device must not repeat. */
    public record Admitted(UUID ticketId, Instant at) {
    }

    /**
     * {@code generatedAt} is taken before anything is read: a change after it may be missing from
     * the kit, none before it is.
     */
    public record OfflineKit(UUID eventId, Instant generatedAt, Instant checkInOpens, Instant checkInCloses,
                             List<TicketSource.VerificationKey> keys, List<DoorTicket> tickets,
                             List<TicketSource.Revoked> revoked, List<Admitted> admitted) {
    }

    public OfflineKit export(Principal staff, UUID orgId, UUID eventId) {
        Instant generatedAt = clock.instant();
        TicketSource.EventFacts event = facts.authorize(staff, orgId, eventId, Role.STAFF);
        record FromDatabase(List<TicketSource.VerificationKey> keys, List<DoorTicket> tickets,
                            List<TicketSource.Revoked> revoked) {
        }
        // one read-only transaction in the caller's context: row-level security keeps it inside the organization
        FromDatabase db = transactions.read(TenantContext.of(orgId, staff.userId()),
                () -> new FromDatabase(source.keys(eventId), source.issued(eventId), source.revoked(eventId)));
        List<Admitted> admitted = door.admissions(eventId).stream()
                .filter(a -> a.scope().session().isEmpty())
                .map(a -> new Admitted(a.ticketId(), a.at()))
                .toList();
        return new OfflineKit(eventId, generatedAt, CheckInWindow.opens(event.startsAt()),
                CheckInWindow.closes(event.endsAt()), db.keys(), db.tickets(), db.revoked(), admitted);
    }
}
