package dev.turnstile.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Free-form JSON objects (settings, location, colours...) as read-only maps that may hold nulls. */
public final class Maps {

    private Maps() {
    }

    /** A read-only copy keeping order and null values ({@code {"floor": null}} is valid JSON). */
    public static Map<String, Object> copyOf(Map<String, Object> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
