package dev.turnstile.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.turnstile.catalogue.Route;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the API Gateway proxy event that API Gateway would send for a call to a route. */
public final class ApiCall {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private final Route route;
    private final Map<String, String> pathParams = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private String body;

    private ApiCall(Route route) {
        this.route = route;
    }

    public static ApiCall to(Route route) {
        return new ApiCall(route);
    }

    public ApiCall path(String name, Object value) {
        pathParams.put(name, String.valueOf(value));
        return this;
    }

    public ApiCall query(String name, Object value) {
        query.put(name, String.valueOf(value));
        return this;
    }

    public ApiCall token(String token) {
        headers.put("Authorization", "Bearer " + token);
        return this;
    }

    public ApiCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiCall json(String json) {
        this.body = json;
        headers.putIfAbsent("Content-Type", "application/json");
        return this;
    }

    public APIGatewayProxyRequestEvent event() {
        Matcher m = PARAM.matcher(route.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = pathParams.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("Missing path parameter " + m.group(1) + " for " + route);
            }
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(UUID.randomUUID().toString())
                .withHttpMethod(route.method())
                .withResourcePath(route.path())
                .withPath("/prod" + path)
                .withStage("prod");
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(route.method())
                .withResource(route.path())
                .withPath(path.toString())
                .withPathParameters(pathParams.isEmpty() ? null : Map.copyOf(pathParams))
                .withQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query))
                .withHeaders(Map.copyOf(headers))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context);
    }
}
