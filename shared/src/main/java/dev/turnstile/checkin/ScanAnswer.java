package dev.turnstile.checkin;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to one scan. {@code reason} is the machine-readable outcome; for a refusal because the
 * ticket was already admitted, {@code checkIn} says when, by whom and at which gate. {@code replay}
 * is true when this is the answer to a retried scan id, not a new admission. {@code displaced} is set
 * only when an offline scan that came first took the place of the admission recorded before it
 * (docs/check-in.md, "Offline scanning"): the one it displaced.
 */
public record ScanAnswer(ScanReason reason, UUID ticketId, UUID sessionId, String attendeeName, String ticketTypeName,
                         UUID ticketTypeId, String confirmationNumber, Admission checkIn, Boolean replay,
                         Admission displaced) {

    /** An admission as a scanner shows it. */
    public record Admission(Instant at, String by, String gate, String device, String scanId) {
        static Admission of(CheckInRecord r) {
            return new Admission(r.at(), r.byName(), r.gate(), r.device(), r.scanId());
        }
    }

    static ScanAnswer refused(ScanReason reason) {
        return new ScanAnswer(reason, null, null, null, null, null, null, null, null, null);
    }

    static ScanAnswer refused(ScanReason reason, DoorTicket t, Scope scope) {
        return new ScanAnswer(reason, t.ticketId(), scope.sessionId(), t.attendeeName(), t.ticketTypeName(),
                t.ticketTypeId(), t.confirmationNumber(), null, null, null);
    }

    static ScanAnswer of(ScanReason reason, DoorTicket t, Scope scope, CheckInRecord record, boolean replay) {
        return new ScanAnswer(reason, t.ticketId(), scope.sessionId(), t.attendeeName(), t.ticketTypeName(),
                t.ticketTypeId(), t.confirmationNumber(), Admission.of(record), replay ? Boolean.TRUE : null, null);
    }

    static ScanAnswer displacing(DoorTicket t, Scope scope, CheckInRecord record, CheckInRecord displaced) {
        return new ScanAnswer(ScanReason.CHECKED_IN, t.ticketId(), scope.sessionId(), t.attendeeName(), t.ticketTypeName(),
                t.ticketTypeId(), t.confirmationNumber(), Admission.of(record), null, Admission.of(displaced));
    }

    public String detail() {
        if (reason == ScanReason.ALREADY_CHECKED_IN && checkIn != null) {
            return "Already checked in at " + checkIn.at() + " by " + checkIn.by()
                    + (checkIn.gate().isEmpty() ? "" : " at gate " + checkIn.gate());
        }
        return reason.title();
    }
}
