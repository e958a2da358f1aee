package dev.turnstile.common;

/** The request clashes with the current state (a taken slug, a transition that does not apply). */
public final class Conflict extends DomainException {

    public Conflict(String code, String detail) {
        super(code, detail);
    }
}
