package dev.turnstile.common;

/** The caller is a member but their role does not allow this. */
public final class Forbidden extends DomainException {

    public Forbidden(String detail) {
        super("forbidden", detail);
    }
}
