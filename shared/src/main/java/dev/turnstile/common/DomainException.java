package dev.turnstile.common;

/**
 * A request the domain refuses, as a value with a stable machine-readable {@link #code()}. Each
 * host turns these into RFC 9457 problem responses in exactly one place.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Forbidden, Conflict, Invalid, Unauthenticated, Unavailable {

    private final String code;

    protected DomainException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
