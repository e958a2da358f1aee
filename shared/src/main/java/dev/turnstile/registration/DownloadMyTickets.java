package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.UUID;

/** The caller's tickets of one registration as a PDF, one page per issued ticket. */
public final class DownloadMyTickets {

    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final Sheets sheets;
    private final TicketRenderer renderer;

    public DownloadMyTickets(Transactions transactions, RegistrationRepository registrations, Sheets sheets,
                             TicketRenderer renderer) {
        this.transactions = transactions;
        this.registrations = registrations;
        this.sheets = sheets;
        this.renderer = renderer;
    }

    public byte[] pdf(Principal caller, UUID registrationId) {
        UUID orgId = transactions.read(TenantContext.user(caller.userId()), () -> registrations.find(registrationId))
                .filter(r -> caller.userId().equals(r.userId()))
                .orElseThrow(() -> new NotFound("registration", registrationId))
                .orgId();
        TicketSheet sheet = transactions.read(TenantContext.of(orgId, caller.userId()), () -> sheets.of(
                registrations.find(registrationId).filter(r -> caller.userId().equals(r.userId()))
                        .orElseThrow(() -> new NotFound("registration", registrationId))));
        return renderer.pdf(sheet); // rendered outside the transaction: no connection held for it
    }
}
