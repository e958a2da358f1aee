package dev.turnstile.catalogue;

import java.util.regex.Pattern;

/**
 * A timer that invokes a function: an EventBridge schedule expression in AWS, a fixed-rate timer
 * in the local runtime. Only {@code rate(...)} expressions are used, so that both hosts agree.
 */
public record Schedule(String expression, String purpose) {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours)\\)");

    public Schedule {
        if (!RATE.matcher(expression).matches()) {
            throw new IllegalArgumentException("Use rate(N minutes) or rate(N hours): " + expression);
        }
    }

    /** The period in seconds. */
    public long periodSeconds() {
        var m = RATE.matcher(expression);
        m.matches();
        long n = Long.parseLong(m.group(1));
        return m.group(2).startsWith("minute") ? n * 60 : n * 3600;
    }
}
