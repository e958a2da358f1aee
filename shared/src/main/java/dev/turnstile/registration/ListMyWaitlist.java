package dev.turnstile.registration;

import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.List;

/** The caller's waitlist entries across every organization, with any open offers. */
public final class ListMyWaitlist {

    private final Transactions transactions;
    private final WaitlistRepository waitlist;

    public ListMyWaitlist(Transactions transactions, WaitlistRepository waitlist) {
        this.transactions = transactions;
        this.waitlist = waitlist;
    }

    public List<WaitlistEntry> list(Principal caller) {
        return transactions.read(TenantContext.user(caller.userId()), () -> waitlist.listForUser(caller.userId()));
    }
}
