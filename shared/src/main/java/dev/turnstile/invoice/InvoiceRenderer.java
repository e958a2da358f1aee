package dev.turnstile.invoice;

/** An invoice as a printable document. */
public interface InvoiceRenderer {

    byte[] pdf(Invoice invoice);
}
