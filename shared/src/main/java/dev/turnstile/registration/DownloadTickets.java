package dev.turnstile.registration;

import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** A registration's tickets as a PDF, for the organizer (staff and above): reprints at the door. */
public final class DownloadTickets {

    private final OrgAccess access;
    private final RegistrationRepository registrations;
    private final Sheets sheets;
    private final TicketRenderer renderer;

    public DownloadTickets(OrgAccess access, RegistrationRepository registrations, Sheets sheets, TicketRenderer renderer) {
        this.access = access;
        this.registrations = registrations;
        this.sheets = sheets;
        this.renderer = renderer;
    }

    public byte[] pdf(Principal caller, UUID orgId, UUID eventId, UUID registrationId) {
        return renderer.pdf(RegistrationSheets.organizers(access, registrations, sheets, caller, orgId, eventId,
                registrationId).sheet());
    }
}
