package dev.turnstile.registration;

import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.TicketTypeRepository;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Adds a question to an event's registration form (admins and owners). */
public final class CreateQuestion {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final QuestionRepository questions;
    private final Clock clock;

    public CreateQuestion(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes,
                          QuestionRepository questions, Clock clock) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.questions = questions;
        this.clock = clock;
    }

    public Question create(Principal caller, UUID orgId, UUID eventId, Question.Details d) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            QuestionRules.validate(d, ticketTypes.listForEvent(eventId));
            var now = clock.instant();
            Question q = new Question(UUID.randomUUID(), eventId, d.label().strip(), d.kind(),
                    d.options() == null ? List.of() : d.options(), Boolean.TRUE.equals(d.required()),
                    d.ticketTypeIds() == null ? List.of() : d.ticketTypeIds(),
                    d.position() == null ? 0 : d.position(), now, now);
            questions.insert(orgId, q);
            return questions.find(eventId, q.id()).orElseThrow();
        });
    }
}
