package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;

/** Everything printed on a registration's tickets, one page per ticket. */
public record TicketSheet(
        String organizerName,
        String brandColor,
        String eventTitle,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        String venue,
        String address,
        String joinUrl,
        String confirmationNumber,
        List<Page> pages) {

    public TicketSheet {
        pages = List.copyOf(pages);
    }

    public record Page(String attendeeName, String ticketTypeName, String qrCode, String ticketCode) {
    }
}
