package dev.turnstile.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import dev.turnstile.api.ApiResponse;
import dev.turnstile.api.Problems;
import dev.turnstile.catalogue.BrowserAccess;
import dev.turnstile.catalogue.FunctionSpec;
import dev.turnstile.catalogue.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A small API Gateway in front of the catalogue's handler classes: it matches the request to a
 * route's path template, turns it into the REST API proxy event API Gateway would send (resource,
 * path parameters, query string, headers, body, request context), invokes the same handler class
 * that runs in Lambda, and writes its response back.
 */
final class ApiGatewayEmulator {

    private static final int MAX_BODY_BYTES = 6 * 1024 * 1024; // API Gateway's Lambda payload limit

    /** A route's path as segments: a literal, or {@code null} where a path parameter stands. */
    private record Target(Route route, String[] literals, List<String> params, int literalSegments,
                          RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {

        /** The path parameters' raw values if the path's segments fit, else null. */
        String[] match(String[] segments) {
            if (segments.length != literals.length) {
                return null;
            }
            String[] values = new String[params.size()];
            int p = 0;
            for (int i = 0; i < segments.length; i++) {
                if (literals[i] == null) {
                    if (segments[i].isEmpty()) {
                        return null;
                    }
                    values[p++] = segments[i];
                } else if (!literals[i].equals(segments[i])) {
                    return null;
                }
            }
            return values;
        }
    }

    private final List<Target> targets = new ArrayList<>();
    /** The admin UI's origin when it is not this runtime's own; null: same-origin only, no preflight. */
    private final String allowedOrigin;

    ApiGatewayEmulator(Map<FunctionSpec, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> functions,
                       String allowedOrigin) {
        this.allowedOrigin = allowedOrigin;
        functions.forEach((spec, handler) -> {
            for (Route route : spec.routes()) {
                List<String> params = new ArrayList<>();
                String[] segments = segments(route.path());
                int literals = 0;
                for (int i = 0; i < segments.length; i++) {
                    String segment = segments[i];
                    if (segment.startsWith("{") && segment.endsWith("}")) {
                        params.add(segment.substring(1, segment.length() - 1));
                        segments[i] = null;
                    } else {
                        literals++;
                    }
                }
                targets.add(new Target(route, segments, params, literals, handler));
            }
        });
        // as in API Gateway, a literal segment wins over a path parameter
        targets.sort((a, b) -> Integer.compare(b.literalSegments(), a.literalSegments()));
    }

    /** The path's segments after the leading slash, empty ones kept ("/a//b/" has four). */
    private static String[] segments(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    }

    /** Serves the request if a route's path matches; empty if none does. */
    Optional<ApiResponse> serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        String[] segments = segments(path);
        boolean pathKnown = false;
        for (Target target : targets) {
            String[] values = target.match(segments);
            if (values == null) {
                continue;
            }
            pathKnown = true;
            if (method.equals("OPTIONS") && allowedOrigin != null) {
                return Optional.of(preflight());
            }
            if (!target.route().method().equals(method)) {
                continue;
            }
            Map<String, String> pathParams = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                pathParams.put(target.params().get(i), URLDecoder.decode(values[i], StandardCharsets.UTF_8));
            }
            APIGatewayProxyResponseEvent response = target.handler().handleRequest(toEvent(exchange, target.route(), pathParams), null);
            return Optional.of(new ApiResponse(response.getStatusCode(),
                    response.getHeaders() == null ? Map.of() : response.getHeaders(), response.getBody(),
                    Boolean.TRUE.equals(response.getIsBase64Encoded())));
        }
        if (pathKnown) {
            return Optional.of(Problems.problem(405, "method_not_allowed", method + " is not allowed on " + path,
                    path, null, null));
        }
        return Optional.empty();
    }

    /** What the CDK app's preflight (a mock integration on every resource) answers. */
    private ApiResponse preflight() {
        return new ApiResponse(204, Map.of(
                "Access-Control-Allow-Origin", allowedOrigin,
                "Access-Control-Allow-Methods", String.join(",", BrowserAccess.ALLOWED_METHODS),
                "Access-Control-Allow-Headers", String.join(",", BrowserAccess.ALLOWED_HEADERS),
                "Access-Control-Max-Age", Integer.toString(BrowserAccess.MAX_AGE_SECONDS),
                "Vary", "Origin"), null);
    }

    private static APIGatewayProxyRequestEvent toEvent(HttpExchange exchange, Route route, Map<String, String> pathParams)
            throws IOException {
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> multiHeaders = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiHeaders.put(name, List.copyOf(values));
        });
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> multiQuery = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(name, value);
                multiQuery.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        String body = null;
        boolean base64 = false;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("Request body over " + MAX_BODY_BYTES + " bytes");
            }
            if (bytes.length > 0) {
                var decoder = StandardCharsets.UTF_8.newDecoder();
                try {
                    body = decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                } catch (java.nio.charset.CharacterCodingException e) {
                    body = Base64.getEncoder().encodeToString(bytes); // binary, as API Gateway sends it
                    base64 = true;
                }
            }
        }
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(UUID.randomUUID().toString())
                .withHttpMethod(route.method())
                .withResourcePath(route.path())
                .withPath("/local" + exchange.getRequestURI().getRawPath())
                .withStage("local")
                .withRequestTimeEpoch(System.currentTimeMillis())
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp(sourceIp));
        return new APIGatewayProxyRequestEvent()
                .withResource(route.path())
                .withPath(exchange.getRequestURI().getRawPath())
                .withHttpMethod(route.method())
                .withHeaders(headers)
                .withMultiValueHeaders(multiHeaders)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
                .withPathParameters(pathParams.isEmpty() ? null : pathParams)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(context);
    }
}
