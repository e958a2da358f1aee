package dev.turnstile.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A talk, workshop or slot within an event. */
public record Session(
        UUID id,
        UUID orgId,
        UUID eventId,
        String title,
        String description,
        String room,
        Instant startsAt,
        Instant endsAt,
        Integer capacity,
        List<String> tags,
        List<Map<String, Object>> attachments,
        SessionStatus status,
        Instant cancelledAt,
        List<SessionSpeaker> speakers,
        Instant createdAt,
        Instant updatedAt) {

    public Session {
        tags = List.copyOf(tags);
        attachments = List.copyOf(attachments);
        speakers = List.copyOf(speakers);
    }

    /** The editable fields. */
    public record Details(
            String title,
            String description,
            String room,
            Instant startsAt,
            Instant endsAt,
            Integer capacity,
            List<String> tags,
            List<Map<String, Object>> attachments) {
    }

    public Session with(Details d) {
        return new Session(id, orgId, eventId, d.title().strip(), d.description(), d.room(), d.startsAt(), d.endsAt(),
                d.capacity(), d.tags(), d.attachments(), status, cancelledAt, speakers, createdAt, updatedAt);
    }
}
