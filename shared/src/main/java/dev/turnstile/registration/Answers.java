package dev.turnstile.registration;

import dev.turnstile.common.Check;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Checks one attendee's answers against the event's questions for their ticket type. */
final class Answers {

    static final int MAX_TEXT = 2000;

    private Answers() {
    }

    static void check(List<Question> questions, UUID ticketTypeId, Map<String, Object> answers, String field, Check check) {
        Map<String, Object> given = answers == null ? Map.of() : answers;
        var asked = new HashSet<String>();
        for (Question q : questions) {
            if (!q.appliesTo(ticketTypeId)) {
                continue;
            }
            String key = q.id().toString();
            asked.add(key);
            Object value = given.get(key);
            String at = field + "." + key;
            if (value == null || (value instanceof String s && s.isBlank())
                    || (value instanceof Collection<?> c && c.isEmpty())) {
                check.require(!q.required(), at, "is required: " + q.label());
                continue;
            }
            switch (q.kind()) {
                case TEXT -> check.require(value instanceof String s && s.length() <= MAX_TEXT, at,
                        "must be a text of at most " + MAX_TEXT + " characters");
                case CHOICE -> check.require(value instanceof String s && q.options().contains(s), at,
                        "must be one of " + q.options());
                case MULTI_CHOICE -> check.require(value instanceof Collection<?> c
                                && c.stream().allMatch(v -> v instanceof String s && q.options().contains(s))
                                && new HashSet<>(c).size() == c.size(), at,
                        "must be a list of distinct options from " + q.options());
                case CHECKBOX -> {
                    if (value instanceof Boolean ticked) {
                        check.require(!q.required() || ticked, at, "must be ticked: " + q.label());
                    } else {
                        check.require(false, at, "must be true or false");
                    }
                }
            }
        }
        for (String key : given.keySet()) {
            check.require(asked.contains(key), field + "." + key, "is not a question for this ticket");
        }
    }
}
