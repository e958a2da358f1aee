package dev.turnstile.checkin;

/**
 * What the dashboard's WebSocket carries to the client; the wire format (JSON) is the adapters'
 * (docs/check-in.md, "Live dashboard").
 */
public sealed interface DashboardMessage {

    /** The counts: {@code snapshot} when asked for, {@code counts} when pushed after scans. */
    record Counts(String type, DashboardCounts counts) implements DashboardMessage {
        public static Counts snapshot(DashboardCounts counts) {
            return new Counts("snapshot", counts);
        }

        public static Counts pushed(DashboardCounts counts) {
            return new Counts("counts", counts);
        }
    }

    /** A message the server could not act on. */
    record Error(String code, String detail) implements DashboardMessage {
    }
}
