package dev.turnstile.session;

public enum SessionStatus {
    SCHEDULED, CANCELLED
}
