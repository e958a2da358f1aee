package dev.turnstile.common;

import java.util.List;

/** The request is well-formed but its values break the rules; every broken rule is listed. */
public final class Invalid extends DomainException {

    private final List<FieldError> errors;

    public Invalid(List<FieldError> errors) {
        super("validation_failed", summary(errors));
        this.errors = List.copyOf(errors);
    }

    public Invalid(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).field() + ": " + errors.get(0).message();
        }
        return errors.size() + " fields are invalid";
    }

    /** One broken rule; {@code field} is a JSON pointer-like path such as {@code endsAt}. */
    public record FieldError(String field, String message) {
    }
}
