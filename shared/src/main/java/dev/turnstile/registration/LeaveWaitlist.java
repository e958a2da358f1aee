package dev.turnstile.registration;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.util.UUID;

/** The caller leaves the line; an open offer they had goes on to the next in line. */
public final class LeaveWaitlist {

    private final Transactions transactions;
    private final WaitlistRepository waitlist;
    private final Seats seats;
    private final Clock clock;

    public LeaveWaitlist(Transactions transactions, WaitlistRepository waitlist, Seats seats, Clock clock) {
        this.transactions = transactions;
        this.waitlist = waitlist;
        this.seats = seats;
        this.clock = clock;
    }

    public void leave(Principal caller, UUID entryId) {
        UUID orgId = transactions.read(TenantContext.user(caller.userId()), () -> waitlist.find(entryId))
                .filter(e -> e.userId().equals(caller.userId()))
                .orElseThrow(() -> new NotFound("waitlist entry", entryId))
                .orgId();
        transactions.write(TenantContext.of(orgId, caller.userId()), () -> {
            WaitlistEntry entry = waitlist.lock(entryId).filter(e -> e.userId().equals(caller.userId()))
                    .orElseThrow(() -> new NotFound("waitlist entry", entryId));
            switch (entry.status()) {
                case WAITING -> waitlist.close(entryId, WaitlistStatus.CANCELLED, null);
                case OFFERED -> seats.endOffer(entry, WaitlistStatus.CANCELLED, clock.instant());
                default -> throw new Conflict("waitlist_entry_closed", "This waitlist entry is " +
                        entry.status().name().toLowerCase(java.util.Locale.ROOT));
            }
            return null;
        });
    }
}
