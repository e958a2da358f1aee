package dev.turnstile.checkin;

import java.time.Instant;
import java.util.UUID;

/**
 * One scan as a scanner sends it: the code read from the QR (or, for a manual check-in, the
 * ticket id found by look-up), an optional session, the gate and device, and the scanner's own id
 * for this scan, which makes a retried request get the same answer. {@code scannedAt} is set only
 * for scans made offline and synchronised later.
 */
public record ScanRequest(String code, UUID ticketId, UUID sessionId, String gate, String device, String scanId,
                          Instant scannedAt) {

    public boolean manual() {
        return code == null;
    }
}
