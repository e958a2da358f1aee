package dev.turnstile.common;

/** Too busy to take the request now (no database connection in time); nothing changed, retry shortly. */
public final class Unavailable extends DomainException {

    public Unavailable(String detail) {
        super("unavailable", detail);
    }
}
