package dev.turnstile.invoice;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.registration.Registration;
import dev.turnstile.registration.RegistrationRepository;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.UUID;

/** The invoice of one of the caller's registrations, as a PDF. Anyone else's: not found. */
public final class DownloadMyInvoice {

    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final InvoiceRepository invoices;
    private final InvoiceRenderer renderer;

    public DownloadMyInvoice(Transactions transactions, RegistrationRepository registrations, InvoiceRepository invoices,
                             InvoiceRenderer renderer) {
        this.transactions = transactions;
        this.registrations = registrations;
        this.invoices = invoices;
        this.renderer = renderer;
    }

    /** @param number which of the registration's invoices or credit notes; null: its invoice */
    public byte[] pdf(Principal caller, UUID registrationId, Long number) {
        Registration mine = transactions.read(TenantContext.user(caller.userId()), () -> registrations.find(registrationId))
                .filter(r -> caller.userId().equals(r.userId()))
                .orElseThrow(() -> new NotFound("registration", registrationId));
        Invoice invoice = transactions.read(TenantContext.of(mine.orgId(), caller.userId()),
                () -> Invoices.pick(invoices.forRegistration(registrationId), registrationId, number));
        return renderer.pdf(invoice);
    }
}
