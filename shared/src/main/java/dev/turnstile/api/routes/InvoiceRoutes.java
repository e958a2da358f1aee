package dev.turnstile.api.routes;

import static dev.turnstile.catalogue.ApiRoutes.*;

import dev.turnstile.api.ApiRequest;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.api.BadRequest;
import dev.turnstile.api.Router;
import dev.turnstile.invoice.CreateTaxRate;
import dev.turnstile.invoice.SetTicketTypeTaxRate;
import dev.turnstile.wiring.Services;
import java.util.Map;

/** Tax rates, the rate of each ticket type, and invoice PDFs for organizers and attendees. */
public final class InvoiceRoutes {

    private InvoiceRoutes() {
    }

    public static void bind(Router router, Services s) {
        router.bind(CREATE_TAX_RATE, req -> {
            var rate = s.createTaxRate.create(req.principal(), req.pathId("orgId", "organization"),
                    req.body(CreateTaxRate.Command.class));
            return ApiResponse.created("/v1/orgs/" + rate.orgId() + "/tax-rates/" + rate.id(), rate);
        });
        router.bind(LIST_TAX_RATES, req -> ApiResponse.ok(Map.of("items",
                s.listTaxRates.list(req.principal(), req.pathId("orgId", "organization")))));
        router.bind(SET_TICKET_TYPE_TAX_RATE, req -> ApiResponse.ok(s.setTicketTypeTaxRate.set(req.principal(),
                req.pathId("orgId", "organization"), req.pathId("eventId", "event"),
                req.pathId("ticketTypeId", "ticket type"), req.body(SetTicketTypeTaxRate.Command.class))));
        router.bind(DOWNLOAD_INVOICE, req -> ApiResponse.binary("application/pdf", s.downloadInvoice.pdf(req.principal(),
                req.pathId("orgId", "organization"), req.pathId("eventId", "event"),
                req.pathId("registrationId", "registration"), number(req)), "invoice.pdf"));
        router.bind(DOWNLOAD_MY_INVOICE, req -> ApiResponse.binary("application/pdf", s.downloadMyInvoice.pdf(
                req.principal(), req.pathId("registrationId", "registration"), number(req)), "invoice.pdf"));
    }

    /** {@code ?number=N}: one of the registration's credit notes (or its invoice) by number; none: its invoice. */
    private static Long number(ApiRequest req) {
        return req.query("number").map(n -> {
            try {
                long value = Long.parseLong(n);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new BadRequest("number", "must be a positive invoice number");
        }).orElse(null);
    }
}
