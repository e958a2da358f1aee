package dev.turnstile.adapters.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.turnstile.checkin.DashboardMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live dashboard's wire format, in both directions (docs/check-in.md, "Live dashboard"): a
 * server message is one JSON object whose {@code type} says what it is ({@code snapshot},
 * {@code counts}, {@code error}); a client message is {@code {"action": "snapshot"}}.
 */
public final class DashboardMessageCodec {

    /** Larger client messages are not read: the only one the protocol knows is a few bytes. */
    public static final int MAX_CLIENT_MESSAGE = 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private DashboardMessageCodec() {
    }

    public static String write(DashboardMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (message) {
            case DashboardMessage.Counts c -> {
                json.put("type", c.type());
                json.putAll(JSON.convertValue(c.counts(), JSON.getTypeFactory()
                        .constructMapType(LinkedHashMap.class, String.class, Object.class)));
            }
            case DashboardMessage.Error e -> {
                json.put("type", "error");
                json.put("code", e.code());
                json.put("detail", e.detail());
            }
        }
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A dashboard message did not serialize", e);
        }
    }

    /** The {@code action} of a client message; empty if the message is not a JSON object with a text action. */
    public static Optional<String> action(String body) {
        if (body == null || body.length() > MAX_CLIENT_MESSAGE) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path("action").isTextual() ? Optional.of(node.get("action").asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
