package dev.turnstile.event;

import dev.turnstile.common.Maps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public record Event(
        UUID id,
        UUID orgId,
        String title,
        String slug,
        String description,
        EventType type,
        Visibility visibility,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        Map<String, Object> location,
        Map<String, Object> customFields,
        Map<String, Object> contact,
        List<String> tags,
        UUID seriesId,
        UUID clonedFrom,
        boolean published,
        Instant publishedAt,
        Instant archivedAt,
        Instant deletedAt,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    public Event {
        location = Maps.copyOf(location);
        customFields = Maps.copyOf(customFields);
        contact = Maps.copyOf(contact);
        tags = List.copyOf(tags);
    }

    public EventStatus status() {
        if (deletedAt != null) {
            return EventStatus.DELETED;
        }
        if (archivedAt != null) {
            return EventStatus.ARCHIVED;
        }
        return published ? EventStatus.PUBLISHED : EventStatus.DRAFT;
    }

    /** Whether the public may see it at all (by link); listing also needs public visibility. */
    public boolean isOnPublicView() {
        return status() == EventStatus.PUBLISHED;
    }

    /** The editable fields, as a create request or the result of applying a patch. */
    public record Details(
            String title,
            String slug,
            String description,
            EventType type,
            Visibility visibility,
            Instant startsAt,
            Instant endsAt,
            String timeZone,
            Map<String, Object> location,
            Map<String, Object> customFields,
            Map<String, Object> contact,
            List<String> tags) {
    }

    public Details details() {
        return new Details(title, slug, description, type, visibility, startsAt, endsAt, timeZone, location,
                customFields, contact, tags);
    }

    public Event with(Details d) {
        return new Event(id, orgId, d.title().strip(), d.slug(), d.description(), d.type(), d.visibility(), d.startsAt(),
                d.endsAt(), d.timeZone(), d.location(), d.customFields(), d.contact(), d.tags(), seriesId, clonedFrom,
                published, publishedAt, archivedAt, deletedAt, version, createdAt, updatedAt);
    }
}
