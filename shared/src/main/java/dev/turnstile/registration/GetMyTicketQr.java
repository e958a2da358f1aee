package dev.turnstile.registration;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.UUID;

/** The QR code of one of the caller's issued tickets, as PNG or SVG (for wallets and phone screens). */
public final class GetMyTicketQr {

    public enum Format { PNG, SVG }

    /** The image and its media type. */
    public record Image(byte[] bytes, String contentType) {
    }

    private final Transactions transactions;
    private final RegistrationRepository registrations;
    private final TicketRenderer renderer;

    public GetMyTicketQr(Transactions transactions, RegistrationRepository registrations, TicketRenderer renderer) {
        this.transactions = transactions;
        this.registrations = registrations;
        this.renderer = renderer;
    }

    public Image get(Principal caller, UUID registrationId, UUID ticketId, Format format) {
        Ticket ticket = transactions.read(TenantContext.user(caller.userId()), () -> registrations.find(registrationId))
                .filter(r -> caller.userId().equals(r.userId()))
                .flatMap(r -> r.tickets().stream().filter(t -> t.id().equals(ticketId)).findFirst())
                .orElseThrow(() -> new NotFound("ticket", ticketId));
        if (ticket.status() != TicketStatus.ISSUED) {
            throw new Conflict("ticket_not_issued", "This ticket is " + ticket.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only issued tickets have a code");
        }
        return switch (format) {
            case PNG -> new Image(renderer.qrPng(ticket.qrCode()), "image/png");
            case SVG -> new Image(renderer.qrSvg(ticket.qrCode()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "image/svg+xml");
        };
    }
}
