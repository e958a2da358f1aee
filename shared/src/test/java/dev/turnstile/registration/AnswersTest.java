package dev.turnstile.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.common.Check;
import dev.turnstile.common.Invalid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnswersTest {

    final UUID general = UUID.randomUUID();
    final UUID vip = UUID.randomUUID();
    final Question size = question(QuestionKind.CHOICE, List.of("S", "M"), true, List.of());
    final Question tracks = question(QuestionKind.MULTI_CHOICE, List.of("Java", "Ops"), false, List.of());
    final Question terms = question(QuestionKind.CHECKBOX, List.of(), true, List.of());
    final Question dinner = question(QuestionKind.TEXT, List.of(), true, List.of(vip));
    final List<Question> all = List.of(size, tracks, terms, dinner);

    @Test
    void givenValidAnswers_thenNoErrors() {
        assertThat(errors(general, Map.of(key(size), "M", key(tracks), List.of("Ops", "Java"), key(terms), true))).isEmpty();
    }

    @Test
    void givenAQuestionForOtherTicketTypes_thenItIsNeitherRequiredNorAccepted() {
        assertThat(errors(general, Map.of(key(size), "S", key(terms), true))).isEmpty();
        assertThat(errors(general, Map.of(key(size), "S", key(terms), true, key(dinner), "Sam")))
                .containsExactly("t.answers." + key(dinner));
        assertThat(errors(vip, Map.of(key(size), "S", key(terms), true))).containsExactly("t.answers." + key(dinner));
    }

    @Test
    void givenWrongShapes_thenEachAnswerIsNamed() {
        assertThat(errors(general, Map.of(key(size), "XL", key(tracks), List.of("Java", "Java"), key(terms), "yes")))
                .containsExactlyInAnyOrder("t.answers." + key(size), "t.answers." + key(tracks), "t.answers." + key(terms));
    }

    @Test
    void givenARequiredCheckboxLeftUnticked_thenItIsRefused() {
        assertThat(errors(general, Map.of(key(size), "S", key(terms), false))).containsExactly("t.answers." + key(terms));
    }

    @Test
    void givenBlankOrMissingRequiredAnswers_thenTheyAreRequired() {
        assertThat(errors(general, Map.of(key(size), " "))).containsExactlyInAnyOrder("t.answers." + key(size),
                "t.answers." + key(terms));
        assertThat(errors(general, null)).hasSize(2);
    }

    private List<String> errors(UUID ticketType, Map<String, Object> answers) {
        Check check = new Check();
        Answers.check(all, ticketType, answers, "t.answers", check);
        try {
            check.orThrow();
            return List.of();
        } catch (Invalid e) {
            List<String> fields = new ArrayList<>();
            e.errors().forEach(f -> fields.add(f.field()));
            return fields;
        }
    }

    private static String key(Question q) {
        return q.id().toString();
    }

    private static Question question(QuestionKind kind, List<String> options, boolean required, List<UUID> types) {
        return new Question(UUID.randomUUID(), UUID.randomUUID(), kind.name(), kind, options, required, types, 0, null, null);
    }
}
