package dev.turnstile.adapters.jdbc;

/** Reads configuration from environment variables, falling back to system properties. */
final class Env {

    private Env() {
    }

    static String get(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
