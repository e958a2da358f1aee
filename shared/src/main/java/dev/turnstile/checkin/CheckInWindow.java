package dev.turnstile.checkin;

import java.time.Duration;
import java.time.Instant;

/**
 * When a ticket may be checked in: from a day before its event starts to a day after it ends, so
 * that early badge pick-up and late sessions work while a ticket cannot be used weeks away from its
 * event. The same window is written into the hot table and handed to offline scanners.
 */
public final class CheckInWindow {

    public static final Duration OPENS_BEFORE_START = Duration.ofHours(24);
    public static final Duration CLOSES_AFTER_END = Duration.ofHours(24);

    private CheckInWindow() {
    }

    public static Instant opens(Instant eventStartsAt) {
        return eventStartsAt.minus(OPENS_BEFORE_START);
    }

    public static Instant closes(Instant eventEndsAt) {
        return eventEndsAt.plus(CLOSES_AFTER_END);
    }
}
