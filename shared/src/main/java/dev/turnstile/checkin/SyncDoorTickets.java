package dev.turnstile.checkin;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a registration's tickets from PostgreSQL into the hot table, as they are now. Runs after
 * every committed change to tickets (issued, cancelled, refunded, expired, reissued), so the door
 * never admits a ticket the system of record has revoked. It reads the current state rather than
 * applying the change, so running it twice, late, or out of order converges on the same item.
 */
public final class SyncDoorTickets {

    private static final Logger log = LoggerFactory.getLogger(SyncDoorTickets.class);

    private final Transactions transactions;
    private final TicketSource source;
    private final DoorState door;

    public SyncDoorTickets(Transactions transactions, TicketSource source, DoorState door) {
        this.transactions = transactions;
        this.source = source;
        this.door = door;
    }

    public int registration(UUID orgId, UUID registrationId) {
        List<DoorTicket> tickets = transactions.read(TenantContext.system(orgId), () -> source.ofRegistration(registrationId));
        tickets.forEach(door::putTicket);
        log.debug("Synchronised {} tickets of registration {} to the door", tickets.size(), registrationId);
        return tickets.size();
    }
}
