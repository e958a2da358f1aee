package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** Removes a question from the form (admins and owners); answers already given stay on their tickets. */
public final class DeleteQuestion {

    private final OrgAccess access;
    private final EventRepository events;
    private final QuestionRepository questions;

    public DeleteQuestion(OrgAccess access, EventRepository events, QuestionRepository questions) {
        this.access = access;
        this.events = events;
        this.questions = questions;
    }

    public void delete(Principal caller, UUID orgId, UUID eventId, UUID questionId) {
        access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            if (!questions.delete(eventId, questionId)) {
                throw new NotFound("question", questionId);
            }
            return null;
        });
    }
}
