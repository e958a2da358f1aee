package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

public final class ListQuestions {

    private final OrgAccess access;
    private final EventRepository events;
    private final QuestionRepository questions;

    public ListQuestions(OrgAccess access, EventRepository events, QuestionRepository questions) {
        this.access = access;
        this.events = events;
        this.questions = questions;
    }

    public List<Question> list(Principal caller, UUID orgId, UUID eventId) {
        return access.read(caller, orgId, Role.STAFF, () -> {
            events.find(eventId).orElseThrow(() -> new NotFound("event", eventId));
            return questions.listForEvent(eventId);
        });
    }
}
