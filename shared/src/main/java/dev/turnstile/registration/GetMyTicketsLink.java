package dev.turnstile.registration;

import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.Transactions;
import java.util.UUID;

/** The caller's tickets of one registration as a presigned, expiring link to their PDF. */
public final class GetMyTicketsLink {

    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final Sheets sheets;
    private final TicketPdfLinks links;

    public GetMyTicketsLink(Transactions transactions, RegistrationRepository registrations, Sheets sheets,
                            TicketPdfLinks links) {
        this.transactions = transactions;
        this.registrations = registrations;
        this.sheets = sheets;
        this.links = links;
    }

    public TicketFiles.Link link(Principal caller, UUID registrationId) {
        return links.linkFor(RegistrationSheets.mine(transactions, registrations, sheets, caller, registrationId));
    }
}
