package dev.turnstile.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.turnstile.common.Conflict;
import dev.turnstile.common.DomainException;
import dev.turnstile.common.Forbidden;
import dev.turnstile.common.Invalid;
import dev.turnstile.common.NotFound;
import dev.turnstile.common.Unauthenticated;
import dev.turnstile.common.Unavailable;
import java.util.List;
import java.util.Map;

/**
 * The one place where refusals become RFC 9457 problem details ({@code application/problem+json}).
 * {@code code} is stable and machine-readable; {@code type} is derived from it.
 */
public final class Problems {

    private Problems() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, String code, String instance,
                          String requestId, List<Invalid.FieldError> errors) {
    }

    public static ApiResponse of(DomainException e, String instance, String requestId) {
        int status = switch (e) {
            case NotFound ignored -> 404;
            case Forbidden ignored -> 403;
            case Conflict ignored -> 409;
            case Invalid ignored -> 422;
            case Unauthenticated ignored -> 401;
            case Unavailable ignored -> 503;
        };
        List<Invalid.FieldError> errors = e instanceof Invalid invalid ? invalid.errors() : null;
        ApiResponse response = problem(status, e.code(), e.detail(), instance, requestId, errors);
        if (e instanceof Unauthenticated) {
            return withHeader(response, "WWW-Authenticate", "Bearer");
        }
        if (e instanceof Unavailable) {
            return withHeader(response, "Retry-After", "1");
        }
        return response;
    }

    public static ApiResponse badRequest(BadRequest e, String instance, String requestId) {
        List<Invalid.FieldError> errors = e.field() == null ? null : List.of(new Invalid.FieldError(e.field(), e.getMessage()));
        return problem(400, "bad_request", e.getMessage(), instance, requestId, errors);
    }

    public static ApiResponse problem(int status, String code, String detail, String instance, String requestId,
                                      List<Invalid.FieldError> errors) {
        Problem p = new Problem("urn:turnstile:problem:" + code, title(status), status, detail, code, instance, requestId,
                errors);
        return new ApiResponse(status, Map.of("Content-Type", "application/problem+json"), Json.write(p));
    }

    /**
     * A problem with extension members (RFC 9457 section 3.2) after the standard ones, for answers
     * that carry more than an error, such as who checked a ticket in first.
     */
    public static ApiResponse problem(int status, String code, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "urn:turnstile:problem:" + code);
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        extensions.forEach(body::putIfAbsent);
        return new ApiResponse(status, Map.of("Content-Type", "application/problem+json"), Json.write(body));
    }

    private static ApiResponse withHeader(ApiResponse r, String name, String value) {
        var headers = new java.util.HashMap<>(r.headers());
        headers.put(name, value);
        return new ApiResponse(r.status(), Map.copyOf(headers), r.body());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 402 -> "Payment Required";
            case 410 -> "Gone";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
