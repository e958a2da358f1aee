package dev.turnstile.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An API Gateway proxy request as the routes see it: typed path and query parameters, the JSON
 * body, and the verified caller. Everything read from it is validated here, at the edge.
 */
public final class ApiRequest {

    static final int MAX_BODY_BYTES = 1_000_000;

    private final APIGatewayProxyRequestEvent event;
    private final Principal principal;

    ApiRequest(APIGatewayProxyRequestEvent event, Principal principal) {
        this.event = event;
        this.principal = principal;
    }

    /** The verified caller; only authenticated routes have one. */
    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("Public routes have no principal");
        }
        return principal;
    }

    /** A path parameter that names a resource by id; a malformed id names nothing, hence 404. */
    public UUID pathId(String name, String resource) {
        String raw = pathParam(name);
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFound(resource, (Object) raw);
        }
    }

    public String pathParam(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null) {
            throw new IllegalStateException("Route has no path parameter " + name);
        }
        return value;
    }

    /** Every request header, as sent. */
    public Map<String, String> headers() {
        return event.getHeaders() == null ? Map.of() : Map.copyOf(event.getHeaders());
    }

    /** A request header, matched case-insensitively as HTTP requires. */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name)).filter(v -> !v.isEmpty());
    }

    public int queryInt(String name, int fallback, int min, int max) {
        return query(name).map(v -> {
            try {
                int value = Integer.parseInt(v);
                if (value < min || value > max) {
                    throw new BadRequest(name, "must be between " + min + " and " + max);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new BadRequest(name, "must be a whole number");
            }
        }).orElse(fallback);
    }

    public Optional<Instant> queryInstant(String name) {
        return query(name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new BadRequest(name, "must be an ISO-8601 instant such as 2026-05-01T09:00:00Z");
            }
        });
    }

    public Optional<UUID> queryUuid(String name) {
        return query(name).map(v -> {
            try {
                return UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(name, "must be a UUID");
            }
        });
    }

    public <E extends Enum<E>> Optional<E> queryEnum(String name, Class<E> type) {
        return query(name).map(v -> parseEnum(name, v, type));
    }

    public boolean queryFlag(String name) {
        return query(name).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequest(name, "must be true or false");
        }).orElse(false);
    }

    public static <E extends Enum<E>> E parseEnum(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            throw new BadRequest(field, "must be one of: " + allowed);
        }
    }

    /** The JSON body as the given record type. Unknown fields, wrong types and malformed JSON are 400s. */
    public <T> T body(Class<T> type) {
        String text = rawBody();
        if (text == null || text.isBlank()) {
            throw new BadRequest(null, "A JSON body is required");
        }
        try {
            T value = Json.MAPPER.readValue(text, type);
            if (value == null) {
                throw new BadRequest(null, "The body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new BadRequest(path(e), "is not a known field");
        } catch (InvalidFormatException e) {
            throw new BadRequest(path(e), "has the wrong format" + hint(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new BadRequest(path(e), "has the wrong type" + hint(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw new BadRequest(path(e), "cannot be read: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new BadRequest(null, "The body is not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** The body exactly as received (base64 undone): what webhook signatures are computed over. */
    public String rawBody() {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(null, "The body is marked base64 but is not");
            }
        }
        if (body.length() > MAX_BODY_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new BadRequest(null, "The body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String hint(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type == Instant.class) {
            return ": expected an ISO-8601 instant such as 2026-05-01T09:00:00Z";
        }
        if (type.isEnum()) {
            return ": expected one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (type == UUID.class) {
            return ": expected a UUID";
        }
        return ": expected " + type.getSimpleName().toLowerCase(Locale.ROOT).replace("integer", "a whole number")
                .replace("long", "a whole number").replace("string", "a string").replace("map", "an object")
                .replace("list", "an array").replace("boolean", "true or false");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
