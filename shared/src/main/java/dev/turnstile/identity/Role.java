package dev.turnstile.identity;

import java.util.Locale;

/** A member's role in an organization, strongest first. */
public enum Role {
    OWNER, ADMIN, STAFF, ATTENDEE, GUEST;

    /** Whether this role grants at least what {@code minimum} grants. */
    public boolean atLeast(Role minimum) {
        return ordinal() <= minimum.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
