package dev.turnstile.registration;

import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** A registration's tickets as a presigned, expiring link to their PDF, for the organizer (staff and above). */
public final class GetTicketsLink {

    private final OrgAccess access;
    private final RegistrationRepository registrations;
    private final Sheets sheets;
    private final TicketPdfLinks links;

    public GetTicketsLink(OrgAccess access, RegistrationRepository registrations, Sheets sheets, TicketPdfLinks links) {
        this.access = access;
        this.registrations = registrations;
        this.sheets = sheets;
        this.links = links;
    }

    public TicketFiles.Link link(Principal caller, UUID orgId, UUID eventId, UUID registrationId) {
        return links.linkFor(RegistrationSheets.organizers(access, registrations, sheets, caller, orgId, eventId,
                registrationId));
    }
}
