package dev.turnstile.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the public sees of a published event: no drafts, no internal fields, no sales figures
 * beyond what is still available.
 */
public record PublicEvent(
        Organizer organizer,
        UUID id,
        String title,
        String slug,
        String description,
        EventType type,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        Map<String, Object> location,
        Map<String, Object> contact,
        List<String> tags,
        List<PublicSession> sessions,
        List<PublicTicketType> ticketTypes) {

    public record Organizer(String name, String slug, String logoUrl, Map<String, Object> colors) {
    }

    public record PublicSession(UUID id, String title, String description, String room, Instant startsAt,
                                Instant endsAt, List<String> tags, boolean cancelled, List<String> speakers) {
    }

    public record PublicTicketType(UUID id, String name, String description, long priceMinor, String currency,
                                   int available, boolean soldOut, boolean onSale, Instant saleStartsAt,
                                   Instant saleEndsAt) {
    }

    /** The list entry of an organization's public event listing. */
    public record Summary(UUID id, String title, String slug, EventType type, Instant startsAt, Instant endsAt,
                          String timeZone, Map<String, Object> location, List<String> tags) {
    }
}
