package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.event.EventStatus;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import dev.turnstile.ticket.TicketTypeRepository;
import java.time.Clock;
import java.time.Instant;
import dev.turnstile.ticket.TicketType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

/**
 * What a registration form needs, for anyone: the ticket types on offer with what is left of
 * each, and the questions each attendee answers. Hidden ticket types stay hidden.
 */
public final class GetRegistrationForm {

    public record Form(UUID eventId, int holdMinutes, List<Offer> ticketTypes, List<Question> questions) {
    }

    /** A ticket type as a buyer sees it; {@code soldOut} types take waitlist sign-ups instead. */
    public record Offer(UUID id, String name, String description, long priceMinor, String currency, int available,
                        boolean soldOut, boolean onSale, Instant saleStartsAt, Instant saleEndsAt,
                        Integer minPerOrder, Integer maxPerOrder) {
    }

    private final Transactions transactions;
    private final DueWork lookups;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final QuestionRepository questions;
    private final RegistrationSettingsRepository settings;
    private final Clock clock;

    public GetRegistrationForm(Transactions transactions, DueWork lookups, EventRepository events,
                               TicketTypeRepository ticketTypes, QuestionRepository questions,
                               RegistrationSettingsRepository settings, Clock clock) {
        this.transactions = transactions;
        this.lookups = lookups;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.questions = questions;
        this.settings = settings;
        this.clock = clock;
    }

    public Form get(UUID eventId) {
        UUID orgId = transactions.read(TenantContext.none(), () -> lookups.orgOfEvent(eventId))
                .orElseThrow(() -> new NotFound("event", eventId));
        Instant now = clock.instant();
        return transactions.read(TenantContext.publicReader(orgId), () -> {
            events.find(eventId).filter(e -> e.status() == EventStatus.PUBLISHED)
                    .orElseThrow(() -> new NotFound("event", eventId));
            RegistrationSettings rules = settings.find(eventId).orElseThrow();
            int eventLeft = rules.capacity() == null ? Integer.MAX_VALUE : rules.capacity() - rules.seatsTaken();
            List<TicketType> all = ticketTypes.listForEvent(eventId);
            Set<UUID> visible = all.stream().filter(t -> t.active() && !t.hidden()).map(TicketType::id)
                    .collect(Collectors.toSet());
            List<Offer> offers = all.stream()
                    .filter(t -> visible.contains(t.id()))
                    .map(t -> {
                        int available = Math.max(0, Math.min(t.available(), eventLeft));
                        return new Offer(t.id(), t.name(), t.description(), t.priceMinor(), t.currency(), available,
                                available == 0, t.onSaleAt(now), t.saleStartsAt(), t.saleEndsAt(),
                                t.restrictions().get("minPerOrder") instanceof Integer i ? i : null,
                                t.restrictions().get("maxPerOrder") instanceof Integer i ? i : null);
                    })
                    .toList();
            // questions for hidden types only are not shown, and hidden type ids never leave the server
            List<Question> asked = questions.listForEvent(eventId).stream()
                    .filter(q -> q.ticketTypeIds().isEmpty() || q.ticketTypeIds().stream().anyMatch(visible::contains))
                    .map(q -> new Question(q.id(), q.eventId(), q.label(), q.kind(), q.options(), q.required(),
                            q.ticketTypeIds().stream().filter(visible::contains).toList(), q.position(), q.createdAt(),
                            q.updatedAt()))
                    .toList();
            return new Form(eventId, rules.holdMinutes(), offers, asked);
        });
    }
}
