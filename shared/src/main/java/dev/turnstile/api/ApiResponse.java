package dev.turnstile.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, headers and a JSON body (or none). */
public record ApiResponse(int status, Map<String, String> headers, String body) {

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
