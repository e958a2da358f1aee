package dev.turnstile.adapters.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.turnstile.checkin.CheckInEvent;

/**
 * A check-in event as it travels: the {@code detail} of an EventBridge event and the body of the
 * queue message its rule delivers. One shape on every hop (docs/check-in.md, "Events").
 */
public final class CheckInEventCodec {

    /** EventBridge {@code source} of every check-in event. */
    public static final String SOURCE = "turnstile.checkin";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CheckInEventCodec() {
    }

    /** EventBridge {@code detail-type}: {@code CheckedIn} or {@code CheckInUndone}. */
    public static String detailType(CheckInEvent event) {
        return event.kind() == CheckInEvent.Kind.CHECKED_IN ? "CheckedIn" : "CheckInUndone";
    }

    public static String write(CheckInEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A check-in event did not serialize", e);
        }
    }

    /** The event in a message body: the detail itself, or a whole EventBridge event carrying it. */
    public static CheckInEvent read(String json) {
        try {
            var tree = JSON.readTree(json);
            var detail = tree.has("detail") ? tree.get("detail") : tree;
            return JSON.treeToValue(detail, CheckInEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a check-in event: " + e.getMessage(), e);
        }
    }
}
