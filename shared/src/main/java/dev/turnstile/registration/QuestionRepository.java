package dev.turnstile.registration;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface QuestionRepository {

    void insert(UUID orgId, Question question);

    Optional<Question> find(UUID eventId, UUID questionId);

    void update(Question question);

    boolean delete(UUID eventId, UUID questionId);

    List<Question> listForEvent(UUID eventId);
}
