package dev.turnstile.checkin;

import java.util.Locale;

/**
 * Every answer a scanner can get, each with its HTTP status and a stable machine-readable code
 * (docs/check-in.md lists them). Only {@link #CHECKED_IN} lets the attendee in.
 */
public enum ScanReason {
    CHECKED_IN(200, "Checked in"),
    ALREADY_CHECKED_IN(409, "This ticket was already checked in"),
    UNKNOWN_TICKET(404, "No such ticket"),
    MALFORMED_CODE(400, "This is not a Turnstile ticket code"),
    INVALID_SIGNATURE(422, "The code's signature does not verify: it was altered or forged"),
    WRONG_EVENT(403, "This ticket is for another event"),
    TICKET_CANCELLED(410, "This ticket was cancelled"),
    TICKET_REFUNDED(410, "This ticket was refunded"),
    CODE_SUPERSEDED(410, "This code was replaced by a reissued one"),
    PAYMENT_PENDING(402, "This ticket is not paid yet"),
    NOT_YET_VALID(409, "Check-in for this event has not opened yet"),
    NO_LONGER_VALID(409, "Check-in for this event has closed"),
    UNKNOWN_SESSION(404, "No such session in this event"),
    SESSION_CANCELLED(410, "This session was cancelled"),
    SESSION_FULL(409, "This session is full");

    private final int status;
    private final String title;

    ScanReason(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean admitted() {
        return this == CHECKED_IN;
    }
}
