package dev.turnstile.event;

import dev.turnstile.common.Invalid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque cursors for keyset pagination: the start time and id of the last event of a page. */
public final class EventCursor {

    private EventCursor() {
    }

    public static String encode(Event last) {
        String raw = last.startsAt().toString() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static EventRepository.Position decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new EventRepository.Position(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new Invalid("cursor", "is not a cursor this API handed out");
        }
    }
}
