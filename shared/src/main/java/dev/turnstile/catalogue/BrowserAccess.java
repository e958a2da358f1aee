package dev.turnstile.catalogue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a browser on the admin UI's origin may do with the API (CORS), the same in both hosts: API
 * Gateway answers the preflight from these in AWS (the CDK app), the local runtime's gateway does
 * locally, and the functions add the origin to every answer ({@code Router}). One origin, never
 * {@code *}: the UI is the only browser client, and a wildcard would let any site read answers
 * with a token it got hold of.
 */
public final class BrowserAccess {

    private BrowserAccess() {
    }

    /** Where the functions and the local runtime read the origin; unset means same-origin only. */
    public static final String ORIGIN_VARIABLE = "TURNSTILE_ADMIN_ORIGIN";

    /** Every method a route uses, and OPTIONS for the preflight itself. */
    public static final List<String> ALLOWED_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The request headers the UI sends beyond the CORS-safelisted ones. */
    public static final List<String> ALLOWED_HEADERS = List.of("Authorization", "Content-Type", "Idempotency-Key");

    /** The response headers the UI reads beyond the safelisted ones: where a created thing lives, when to retry. */
    public static final List<String> EXPOSED_HEADERS = List.of("Location", "Retry-After");

    /** How long a browser may reuse a preflight answer: ten minutes, Chromium's own cap is two hours. */
    public static final int MAX_AGE_SECONDS = 600;

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    /**
     * The origin as browsers send it ({@code scheme://host[:port]}, lower case, no path), checked:
     * https, or http on a loopback host for a UI dev server. Anything else fails with the reason.
     */
    public static String origin(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An origin is required, such as https://admin.example.org");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not an origin: '" + value + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (host.isEmpty() || !bare) {
            throw new IllegalArgumentException("An origin is scheme://host[:port] with nothing after it, not '" + value + "'");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && LOCAL_HOSTS.contains(host))) {
            throw new IllegalArgumentException("The admin origin must be https (http only on localhost): '" + value + "'");
        }
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
