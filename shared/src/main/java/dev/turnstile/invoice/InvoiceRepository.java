package dev.turnstile.invoice;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issued invoices, and the organization's counter their numbers come from. */
public interface InvoiceRepository {

    /**
     * The organization's next invoice number, drawn in the caller's transaction: the counter row
     * stays locked until that transaction ends, and a rollback gives the number back. So numbers
     * are 1, 2, 3, ... with no gaps, however many transactions draw at once.
     */
    long nextNumber(UUID orgId);

    void insert(Invoice invoice);

    /** The registration's invoices and credit notes, by number. */
    List<Invoice> forRegistration(UUID registrationId);

    Optional<Invoice> forPayment(UUID paymentId);

    Optional<Invoice> forRefund(UUID refundId);
}
