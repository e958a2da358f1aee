package dev.turnstile.event;

import dev.turnstile.common.Check;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.session.Session;
import dev.turnstile.session.SessionRepository;
import dev.turnstile.session.SessionStatus;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.TicketType;
import dev.turnstile.ticket.TicketTypeRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Copies an event, its scheduled sessions (with speakers) and its ticket types into a new draft,
 * optionally moved to a new start time (everything shifts by the same amount) and linked with
 * the original as a series. Nothing sold is copied: the new ticket types start empty.
 */
public final class CloneEvent {

    /** {@code title} defaults to the original's; {@code startsAt} null keeps the dates; {@code linkSeries} null is false. */
    public record Command(String slug, String title, Instant startsAt, Boolean linkSeries) {
    }

    private final OrgAccess access;
    private final EventRepository events;
    private final SessionRepository sessions;
    private final TicketTypeRepository ticketTypes;
    private final Clock clock;

    public CloneEvent(OrgAccess access, EventRepository events, SessionRepository sessions,
                      TicketTypeRepository ticketTypes, Clock clock) {
        this.access = access;
        this.events = events;
        this.sessions = sessions;
        this.ticketTypes = ticketTypes;
        this.clock = clock;
    }

    public Event cloneEvent(Principal caller, UUID orgId, UUID sourceId, Command command) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            new Check().slug(command.slug(), "slug", Check.EVENT_SLUG).optionalText(command.title(), "title", 200).orThrow();
            Event source = events.lock(sourceId).orElseThrow(() -> new NotFound("event", sourceId));
            Duration shift = command.startsAt() == null ? Duration.ZERO : Duration.between(source.startsAt(), command.startsAt());
            Instant now = clock.instant();

            UUID seriesId = null;
            if (Boolean.TRUE.equals(command.linkSeries())) {
                seriesId = source.seriesId() != null ? source.seriesId() : source.id();
                if (source.seriesId() == null) {
                    events.update(withSeries(source, seriesId));
                }
            }
            Event.Details d = source.details();
            Event.Details copied = new Event.Details(
                    command.title() != null ? command.title().strip() : d.title(), command.slug(), d.description(), d.type(),
                    d.visibility(), d.startsAt().plus(shift), d.endsAt().plus(shift), d.timeZone(), d.location(),
                    d.customFields(), d.contact(), d.tags());
            EventRules.validate(copied);
            Event clone = new Event(UUID.randomUUID(), orgId, copied.title(), copied.slug(), copied.description(),
                    copied.type(), copied.visibility(), copied.startsAt(), copied.endsAt(), copied.timeZone(),
                    copied.location(), copied.customFields(), copied.contact(), copied.tags(), seriesId, source.id(),
                    false, null, null, null, 1, now, now);
            events.insert(clone);

            for (Session s : sessions.listForEvent(source.id())) {
                if (s.status() == SessionStatus.CANCELLED) {
                    continue;
                }
                Session copy = new Session(UUID.randomUUID(), orgId, clone.id(), s.title(), s.description(), s.room(),
                        s.startsAt().plus(shift), s.endsAt().plus(shift), s.capacity(), s.tags(), s.attachments(),
                        SessionStatus.SCHEDULED, null, List.of(), now, now);
                sessions.insert(copy);
                sessions.setSpeakers(orgId, copy.id(), s.speakers());
            }
            for (TicketType t : ticketTypes.listForEvent(source.id())) {
                ticketTypes.insert(new TicketType(UUID.randomUUID(), orgId, clone.id(), t.name(), t.description(),
                        t.priceMinor(), t.currency(), t.capacity(), 0, 0, shift(t.saleStartsAt(), shift),
                        shift(t.saleEndsAt(), shift), t.restrictions(), t.active(), t.hidden(), t.sortOrder(), now, now));
            }
            return events.find(clone.id()).orElseThrow();
        });
    }

    private static Instant shift(Instant instant, Duration shift) {
        return instant == null ? null : instant.plus(shift);
    }

    private static Event withSeries(Event e, UUID seriesId) {
        return new Event(e.id(), e.orgId(), e.title(), e.slug(), e.description(), e.type(), e.visibility(), e.startsAt(),
                e.endsAt(), e.timeZone(), e.location(), e.customFields(), e.contact(), e.tags(), seriesId, e.clonedFrom(),
                e.published(), e.publishedAt(), e.archivedAt(), e.deletedAt(), e.version(), e.createdAt(), e.updatedAt());
    }
}
