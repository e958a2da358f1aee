/**
 * Invoices and tax: an organization's tax rates and which ticket type charges which; the invoice a
 * paid registration gets when it is confirmed, numbered per organization without gaps, and its PDF
 * for the attendee and the organizer. Each ticket's tax is fixed when it is bought
 * ({@link dev.turnstile.registration.TicketTax}); an invoice lists it, it does not recompute it.
 * See docs/payments.md, "Invoices and tax".
 */
package dev.turnstile.invoice;
