package dev.turnstile.registration;

import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.List;

/** The caller's registrations across every organization, newest first. */
public final class ListMyRegistrations {

    private final Transactions transactions;
    private final RegistrationRepository registrations;

    public ListMyRegistrations(Transactions transactions, RegistrationRepository registrations) {
        this.transactions = transactions;
        this.registrations = registrations;
    }

    public List<Registration> list(Principal caller) {
        return transactions.read(TenantContext.user(caller.userId()), () -> registrations.listForUser(caller.userId()));
    }
}
