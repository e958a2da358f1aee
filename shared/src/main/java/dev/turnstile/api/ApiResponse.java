package dev.turnstile.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: status, headers and a body: JSON text, none, or binary (PDF, PNG) as
 * base64 with {@code base64Encoded}, as API Gateway's proxy integration carries it.
 */
public record ApiResponse(int status, Map<String, String> headers, String body, boolean base64Encoded) {

    public ApiResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }

    /** A private (per-user) file: not cached by shared caches. */
    public static ApiResponse binary(String contentType, byte[] bytes, String filename) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "private, no-store");
        if (filename != null) {
            headers.put("Content-Disposition", "inline; filename=\"" + filename + "\"");
        }
        return new ApiResponse(200, Map.copyOf(headers), java.util.Base64.getEncoder().encodeToString(bytes), true);
    }

    public static ApiResponse ok(Object body) {
        return json(200, body);
    }

    public static ApiResponse created(String location, Object body) {
        ApiResponse r = json(201, body);
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("Location", location);
        return new ApiResponse(201, Map.copyOf(headers), r.body());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null);
    }

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), Json.write(body));
    }
}
