package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.UUID;

/** One of the caller's own registrations. */
public final class GetMyRegistration {

    private final Transactions transactions;
    private final RegistrationRepository registrations;

    public GetMyRegistration(Transactions transactions, RegistrationRepository registrations) {
        this.transactions = transactions;
        this.registrations = registrations;
    }

    public Registration get(Principal caller, UUID registrationId) {
        return transactions.read(TenantContext.user(caller.userId()), () -> registrations.find(registrationId))
                .filter(r -> caller.userId().equals(r.userId()))
                .orElseThrow(() -> new NotFound("registration", registrationId));
    }
}
