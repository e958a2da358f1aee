package dev.turnstile.api.graphql;

/**
 * A root field AppSync asked for and {@link AppSyncResolver} does not answer. Thrown out of the
 * Lambda handler: a direct Lambda resolver has no other way to report an error, and AppSync turns
 * the failed invocation into an entry of the response's {@code errors} with the field set to null.
 * The message starts with the REST problem's code in brackets ({@code [organization_not_found] ...}),
 * because the message is what AppSync passes on whatever it puts in {@code errorType}.
 */
public final class FieldRefused extends RuntimeException {

    private final String code;

    public FieldRefused(String code, String detail) {
        // no stack trace: a refusal is an answer, not a fault, and the trace would only reach the log
        super("[" + code + "] " + detail, null, false, false);
        this.code = code;
    }

    /** The REST problem's code (or {@code unauthenticated}, {@code bad_request}, {@code internal_error}). */
    public String code() {
        return code;
    }
}
