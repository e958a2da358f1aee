package dev.turnstile.invoice;

import dev.turnstile.organization.OrganizationRepository;
import dev.turnstile.registration.Registration;
import dev.turnstile.registration.Ticket;
import dev.turnstile.registration.TicketTax;
import dev.turnstile.ticket.TicketTypeRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the invoice of a paid registration, or the credit note of a refund, inside the caller's
 * transaction (the one that confirms the registration or settles the refund), with its number
 * drawn from the organization's counter in that same transaction. One line per ticket, from the
 * tax fixed when the ticket was bought; the totals are the sums of the lines. Writing it twice
 * for the same payment or refund is a no-op.
 */
public final class IssueInvoice {

    private final InvoiceRepository invoices;
    private final OrganizationRepository organizations;
    private final TicketTypeRepository ticketTypes;

    public static IssueInvoice of(InvoiceRepository invoices, OrganizationRepository organizations,
                                  TicketTypeRepository ticketTypes) {
        return new IssueInvoice(invoices, organizations, ticketTypes);
    }

    private IssueInvoice(InvoiceRepository invoices, OrganizationRepository organizations,
                         TicketTypeRepository ticketTypes) {
        this.invoices = invoices;
        this.organizations = organizations;
        this.ticketTypes = ticketTypes;
    }

    /** The invoice of a confirmed registration's payment. */
    public Invoice forPayment(Registration r, UUID paymentId, Instant now) {
        Optional<Invoice> issued = invoices.forPayment(paymentId);
        if (issued.isPresent()) {
            return issued.get();
        }
        return write(r, Invoice.Kind.INVOICE, paymentId, null, null, lines(r, r.tickets()), now);
    }

    /**
     * The credit note of a refund that succeeded: the refunded tickets' lines, or, for an amount
     * given back without tickets, one line whose tax is the invoice's share of that amount
     * (rounded half up), so that a credit note never credits more tax than was invoiced.
     */
    public Optional<Invoice> forRefund(Registration r, UUID paymentId, UUID refundId, long amountMinor,
                                       List<UUID> ticketIds, Instant now) {
        if (invoices.forRefund(refundId).isPresent()) {
            return Optional.empty();
        }
        Optional<Invoice> invoice = invoices.forPayment(paymentId);
        if (invoice.isEmpty()) {
            return Optional.empty(); // nothing was invoiced (a payment refunded before it confirmed anything)
        }
        List<Invoice.Line> lines;
        List<Ticket> tickets = r.tickets().stream().filter(t -> ticketIds.contains(t.id())).toList();
        long ticketsGross = tickets.stream().mapToLong(Ticket::totalMinor).sum();
        if (!tickets.isEmpty() && ticketsGross == amountMinor) {
            lines = lines(r, tickets);
        } else {
            Invoice i = invoice.get();
            long tax = i.grossMinor() == 0 ? 0 : TicketTaxShare.of(i.taxMinor(), amountMinor, i.grossMinor());
            lines = List.of(new Invoice.Line(null, "Refund", amountMinor - tax, 0, true, tax, amountMinor));
        }
        return Optional.of(write(r, Invoice.Kind.CREDIT_NOTE, paymentId, refundId, invoice.get().id(), lines, now));
    }

    private Invoice write(Registration r, Invoice.Kind kind, UUID paymentId, UUID refundId, UUID credits,
                          List<Invoice.Line> lines, Instant now) {
        Map<String, Object> seller = new LinkedHashMap<>();
        organizations.find(r.orgId()).ifPresent(o -> {
            seller.put("name", o.name());
            seller.put("slug", o.slug());
        });
        Map<String, Object> buyer = new LinkedHashMap<>();
        buyer.put("name", r.registrantName() == null ? "" : r.registrantName());
        buyer.put("email", r.registrantEmail() == null ? "" : r.registrantEmail());
        buyer.put("confirmationNumber", r.confirmationNumber());
        long net = lines.stream().mapToLong(Invoice.Line::netMinor).sum();
        long tax = lines.stream().mapToLong(Invoice.Line::taxMinor).sum();
        // drawn last, just before the insert: the counter row is the organization's hottest lock
        long number = invoices.nextNumber(r.orgId());
        Invoice invoice = new Invoice(UUID.randomUUID(), r.orgId(), number, kind, r.id(), paymentId, refundId, credits,
                r.currency(), net, tax, net + tax, seller, buyer, lines, now);
        invoices.insert(invoice);
        return invoice;
    }

    private List<Invoice.Line> lines(Registration r, List<Ticket> tickets) {
        Map<UUID, String> names = new java.util.HashMap<>();
        ticketTypes.listForEvent(r.eventId()).forEach(t -> names.put(t.id(), t.name()));
        List<Invoice.Line> lines = new ArrayList<>();
        for (Ticket t : tickets) {
            TicketTax tax = t.tax();
            long gross = t.totalMinor();
            String description = names.getOrDefault(t.ticketTypeId(), "Ticket") + " - " + t.attendeeName();
            lines.add(new Invoice.Line(t.id(), description, gross - tax.amountMinor(), tax.ratePpm(), tax.inclusive(),
                    tax.amountMinor(), gross));
        }
        return lines;
    }

    /** The part of an invoice's tax that falls on part of its gross amount, rounded half up. */
    static final class TicketTaxShare {
        private TicketTaxShare() {
        }

        static long of(long tax, long part, long gross) {
            long numerator = Math.multiplyExact(tax, part);
            return numerator / gross + ((numerator % gross) * 2 >= gross ? 1 : 0);
        }
    }
}
