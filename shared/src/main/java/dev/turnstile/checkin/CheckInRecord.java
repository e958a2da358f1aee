package dev.turnstile.checkin;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One admission: when, by whom, where, with what, and the scan that made it. */
public record CheckInRecord(Instant at, UUID byUserId, String byName, String gate, String device, String scanId,
                            Method method) {

    /** How the ticket was presented (the check_in_method type in PostgreSQL). */
    public enum Method { QR, MANUAL, API }

    public CheckInRecord {
        Objects.requireNonNull(at);
        Objects.requireNonNull(scanId);
        Objects.requireNonNull(method);
        byName = byName == null ? "" : byName;
        gate = gate == null ? "" : gate;
        device = device == null ? "" : device;
    }
}
