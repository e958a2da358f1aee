package dev.turnstile.common;

/** No valid credentials came with the request. */
public final class Unauthenticated extends DomainException {

    public Unauthenticated(String detail) {
        super("unauthenticated", detail);
    }
}
