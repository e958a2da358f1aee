package dev.turnstile.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects every broken rule of one request, then fails once with all of them, so that a form
 * can show each error beside its field.
 */
public final class Check {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    public static final Pattern EVENT_SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final List<Invalid.FieldError> errors = new ArrayList<>();

    public Check require(boolean rule, String field, String message) {
        if (!rule) {
            errors.add(new Invalid.FieldError(field, message));
        }
        return this;
    }

    public boolean present(Object value, String field) {
        require(value != null, field, "is required");
        return value != null;
    }

    /** A required, non-blank text of at most {@code max} characters. */
    public Check text(String value, String field, int max) {
        if (present(value, field)) {
            require(!value.isBlank(), field, "must not be blank");
            require(value.length() <= max, field, "must be at most " + max + " characters");
        }
        return this;
    }

    /** An optional text of at most {@code max} characters. */
    public Check optionalText(String value, String field, int max) {
        if (value != null) {
            require(value.length() <= max, field, "must be at most " + max + " characters");
        }
        return this;
    }

    public Check slug(String value, String field, Pattern pattern) {
        if (present(value, field)) {
            require(pattern.matcher(value).matches(), field,
                    "must be lower-case letters, digits and inner hyphens");
        }
        return this;
    }

    public Check optionalUrl(String value, String field) {
        if (value != null) {
            require(value.length() <= 2048 && isHttpUrl(value), field, "must be an absolute http(s) URL");
        }
        return this;
    }

    public Check optionalEmail(String value, String field) {
        if (value != null) {
            require(value.length() <= 320 && EMAIL.matcher(value).matches(), field, "must be an e-mail address");
        }
        return this;
    }

    public Check timeZone(String value, String field) {
        if (present(value, field)) {
            require(isZone(value), field, "must be an IANA time zone such as Europe/Berlin");
        }
        return this;
    }

    public Check currency(String value, String field) {
        if (present(value, field)) {
            require(isCurrency(value), field, "must be an ISO 4217 currency code such as EUR");
        }
        return this;
    }

    public Check tags(Collection<String> tags, String field) {
        if (tags != null) {
            require(tags.size() <= 50, field, "must have at most 50 entries");
            for (String tag : tags) {
                require(tag != null && !tag.isBlank() && tag.length() <= 50, field,
                        "entries must be non-blank and at most 50 characters");
            }
        }
        return this;
    }

    /** A free-form JSON object of at most {@code maxEntries} entries; JSON nulls are values like any other. */
    public Check jsonObjectSize(Map<String, Object> value, String field, int maxEntries) {
        if (value != null) {
            require(value.size() <= maxEntries, field, "must have at most " + maxEntries + " entries");
        }
        return this;
    }

    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isZone(String value) {
        if (!value.contains("/") && !value.equals("UTC")) {
            return false; // offsets and abbreviations are not places; reminders need real zones
        }
        try {
            ZoneId.of(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isCurrency(String value) {
        if (!value.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            return Currency.getInstance(value).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
