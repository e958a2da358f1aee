package dev.turnstile.registration;

import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweeper: ends pending registrations whose hold ran out and waitlist offers nobody took,
 * giving their seats back (to the waitlist first). Each item is handled in its own transaction in
 * its own organization's context, re-checked under a lock, so running twice at once is harmless.
 */
public final class ExpireHolds {

    private static final Logger log = LoggerFactory.getLogger(ExpireHolds.class);
    static final int BATCH = 200;

    /** What one run did. */
    public record Result(int holdsExpired, int offersExpired) {
    }

    private final Transactions transactions;
    private final DueWork due;
    private final RegistrationRepository registrations;
    private final WaitlistRepository waitlist;
    private final Seats seats;
    private final Clock clock;

    public ExpireHolds(Transactions transactions, DueWork due, RegistrationRepository registrations,
                WaitlistRepository waitlist, Seats seats, Clock clock) {
        this.transactions = transactions;
        this.due = due;
        this.registrations = registrations;
        this.waitlist = waitlist;
        this.seats = seats;
        this.clock = clock;
    }

    /** One item in its own transaction; a failure is logged and the run goes on with the next. */
    private int attempt(String what, DueWork.Item item, java.util.function.Supplier<Boolean> work) {
        try {
            return transactions.write(TenantContext.system(item.orgId()), work) ? 1 : 0;
        } catch (RuntimeException e) {
            log.error("Could not expire {} {} of organization {}; the next run retries", what, item.id(), item.orgId(), e);
            return 0;
        }
    }

    public Result run() {
        Instant now = clock.instant();
        int holds = 0;
        int offers = 0;
        for (var item : transactions.read(TenantContext.none(), () -> due.dueHolds(now, BATCH))) {
            holds += attempt("hold", item, () -> registrations.lock(item.id())
                    .filter(r -> r.status() == RegistrationStatus.PENDING && !now.isBefore(r.holdExpiresAt()))
                    .map(r -> {
                        seats.end(r, RegistrationStatus.EXPIRED, now);
                        return true;
                    }).orElse(false));
        }
        for (var item : transactions.read(TenantContext.none(), () -> due.dueWaitlistOffers(now, BATCH))) {
            offers += attempt("waitlist offer", item, () -> waitlist.lock(item.id())
                    .filter(w -> w.status() == WaitlistStatus.OFFERED && !now.isBefore(w.offerExpiresAt()))
                    .map(w -> {
                        seats.endOffer(w, WaitlistStatus.EXPIRED, now);
                        return true;
                    }).orElse(false));
        }
        // seats can also appear without a release (capacity raised, a type put back on sale)
        for (var item : transactions.read(TenantContext.none(), () -> due.waitlistsWithSeats(BATCH))) {
            attempt("waitlist", item, () -> {
                seats.offerFreedSeats(item.eventId(), item.id(), now);
                return false;
            });
        }
        if (holds + offers > 0) {
            log.info("Expired {} holds and {} waitlist offers", holds, offers);
        }
        return new Result(holds, offers);
    }
}
