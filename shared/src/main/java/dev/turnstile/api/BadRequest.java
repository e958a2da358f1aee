package dev.turnstile.api;

/** The request could not be read: malformed JSON, a wrong type, a bad query parameter. */
public final class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String field, String detail) {
        super(detail, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
