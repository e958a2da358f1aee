package dev.turnstile.registration;

import static dev.turnstile.common.Patch.or;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.TicketTypeRepository;
import java.util.UUID;

/** Changes a question (admins and owners). Answers already given are kept as they were. */
public final class UpdateQuestion {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final QuestionRepository questions;

    public UpdateQuestion(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes,
                          QuestionRepository questions) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.questions = questions;
    }

    public Question update(Principal caller, UUID orgId, UUID eventId, UUID questionId, Question.Details changes) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            Question q = questions.find(eventId, questionId).orElseThrow(() -> new NotFound("question", questionId));
            Question.Details merged = new Question.Details(or(changes.label(), q.label()), or(changes.kind(), q.kind()),
                    or(changes.options(), q.options()), or(changes.required(), q.required()),
                    or(changes.ticketTypeIds(), q.ticketTypeIds()), or(changes.position(), q.position()));
            QuestionRules.validate(merged, ticketTypes.listForEvent(eventId));
            questions.update(new Question(q.id(), eventId, merged.label().strip(), merged.kind(), merged.options(),
                    merged.required(), merged.ticketTypeIds(), merged.position(), q.createdAt(), q.updatedAt()));
            return questions.find(eventId, questionId).orElseThrow();
        });
    }
}
