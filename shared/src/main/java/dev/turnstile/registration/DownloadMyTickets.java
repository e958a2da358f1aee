package dev.turnstile.registration;

import dev.turnstile.identity.Principal;
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
        TicketSheet sheet = RegistrationSheets.mine(transactions, registrations, sheets, caller, registrationId).sheet();
        return renderer.pdf(sheet); // rendered outside the transaction: no connection held for it
    }
}
