package dev.turnstile.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.turnstile.catalogue.Access;
import dev.turnstile.catalogue.BrowserAccess;
import dev.turnstile.catalogue.Route;
import dev.turnstile.common.DomainException;
import dev.turnstile.common.Unauthenticated;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.TokenVerifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches an API Gateway proxy event to the route bound to its method and resource template,
 * after verifying the bearer token of authenticated routes. Every failure leaves here as
 * problem+json; unexpected ones are logged with the request id and answered with a 500 that
 * reveals nothing. With a browser origin allowed, every answer says so (CORS): with a proxy
 * integration API Gateway answers only the preflight, the function the request itself.
 */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    private record Binding(Route route, Handler handler) {
    }

    private final TokenVerifier tokens;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private String allowedOrigin;

    public Router(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    /** Lets a browser on this origin read the answers ({@link BrowserAccess}). */
    public Router allowOrigin(String origin) {
        this.allowedOrigin = BrowserAccess.origin(origin);
        return this;
    }

    public Router bind(Route route, Handler handler) {
        if (bindings.putIfAbsent(route.key(), new Binding(route, handler)) != null) {
            throw new IllegalStateException("Route bound twice: " + route);
        }
        return this;
    }

    public Set<String> boundRoutes() {
        return Set.copyOf(bindings.keySet());
    }

    /** Keeps only the given routes: a function serves what the catalogue gives it, nothing more. */
    public Router restrictTo(java.util.Collection<Route> routes) {
        Set<String> keep = routes.stream().map(Route::key).collect(java.util.stream.Collectors.toSet());
        for (String key : keep) {
            if (!bindings.containsKey(key)) {
                throw new IllegalStateException("No handler bound for catalogue route " + key);
            }
        }
        bindings.keySet().retainAll(keep);
        return this;
    }

    public APIGatewayProxyResponseEvent dispatch(APIGatewayProxyRequestEvent event) {
        String requestId = event.getRequestContext() != null ? event.getRequestContext().getRequestId() : null;
        String instance = event.getPath();
        ApiResponse response;
        try {
            response = route(event);
        } catch (DomainException e) {
            response = Problems.of(e, instance, requestId);
        } catch (BadRequest e) {
            response = Problems.badRequest(e, instance, requestId);
        } catch (RuntimeException e) {
            log.error("Request {} {} {} failed", requestId, event.getHttpMethod(), event.getResource(), e);
            response = Problems.problem(500, "internal_error",
                    "Something went wrong on our side; the request changed nothing. Quote the request id if it happens again.",
                    instance, requestId, null);
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(withSecurityHeaders(response.headers()))
                .withBody(response.body())
                .withIsBase64Encoded(response.base64Encoded());
    }

    private ApiResponse route(APIGatewayProxyRequestEvent event) {
        Binding binding = bindings.get(event.getHttpMethod() + " " + event.getResource());
        if (binding == null) {
            throw new dev.turnstile.common.NotFound("route_not_found",
                    "No route " + event.getHttpMethod() + " " + event.getResource());
        }
        Principal principal = null;
        if (binding.route().access() == Access.AUTHENTICATED) {
            principal = tokens.verify(bearerToken(event));
        }
        ApiRequest request = new ApiRequest(event, principal);
        if (request.rawBody() != null && !request.rawBody().isBlank() && !isJson(header(event, "content-type"))) {
            String requestId = event.getRequestContext() != null ? event.getRequestContext().getRequestId() : null;
            return Problems.problem(415, "unsupported_media_type", "Send the body as application/json",
                    event.getPath(), requestId, null);
        }
        return binding.handler().handle(request);
    }

    private static String bearerToken(APIGatewayProxyRequestEvent event) {
        String header = header(event, "authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new Unauthenticated("Send an Authorization: Bearer <token> header");
        }
        return header.substring(7).strip();
    }

    private static String header(APIGatewayProxyRequestEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private Map<String, String> withSecurityHeaders(Map<String, String> headers) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers);
        all.putIfAbsent("Cache-Control", "no-store");
        all.put("X-Content-Type-Options", "nosniff");
        if (allowedOrigin != null) {
            all.put("Access-Control-Allow-Origin", allowedOrigin);
            all.put("Access-Control-Expose-Headers", String.join(", ", BrowserAccess.EXPOSED_HEADERS));
            all.put("Vary", "Origin");
        }
        return new LinkedHashMap<>(all);
    }
}
