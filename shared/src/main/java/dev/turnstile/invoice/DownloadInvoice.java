package dev.turnstile.invoice;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** A registration's invoice as a PDF, for the organizer (staff and above). */
public final class DownloadInvoice {

    private final OrgAccess access;
    private final RegistrationRepository registrations;
    private final InvoiceRepository invoices;
    private final InvoiceRenderer renderer;

    public DownloadInvoice(OrgAccess access, RegistrationRepository registrations, InvoiceRepository invoices,
                           InvoiceRenderer renderer) {
        this.access = access;
        this.registrations = registrations;
        this.invoices = invoices;
        this.renderer = renderer;
    }

    /** @param number which of the registration's invoices or credit notes; null: its invoice */
    public byte[] pdf(Principal caller, UUID orgId, UUID eventId, UUID registrationId, Long number) {
        Invoice invoice = access.read(caller, orgId, Role.STAFF, () -> {
            registrations.find(registrationId).filter(r -> r.eventId().equals(eventId))
                    .orElseThrow(() -> new NotFound("registration", registrationId));
            return Invoices.pick(invoices.forRegistration(registrationId), registrationId, number);
        });
        return renderer.pdf(invoice); // rendered outside the transaction
    }
}
