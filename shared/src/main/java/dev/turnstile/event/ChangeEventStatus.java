package dev.turnstile.event;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.TicketType;
import dev.turnstile.ticket.TicketTypeRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Moves an event through its life: publish, unpublish, archive, restore, and (soft) delete.
 * Asking for the state an event is already in succeeds and changes nothing.
 */
public final class ChangeEventStatus {

    public enum Transition { PUBLISH, UNPUBLISH, ARCHIVE, RESTORE, DELETE }

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final Clock clock;

    public ChangeEventStatus(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes, Clock clock) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.clock = clock;
    }

    public Event apply(Principal caller, UUID orgId, UUID eventId, Transition transition) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Event event = events.lock(eventId).orElseThrow(() -> new NotFound("event", eventId));
            Event changed = next(event, transition, clock.instant());
            if (changed != event) {
                events.update(changed);
            }
            return events.find(eventId).orElseThrow();
        });
    }

    private Event next(Event e, Transition transition, Instant now) {
        EventStatus status = e.status();
        return switch (transition) {
            case PUBLISH -> {
                if (status == EventStatus.PUBLISHED) {
                    yield e;
                }
                if (status != EventStatus.DRAFT) {
                    throw new Conflict("event_not_draft", "Only a draft can be published; this event is " + name(status));
                }
                if (!e.endsAt().isAfter(now)) {
                    throw new Conflict("event_ended", "The event has ended; change its dates before publishing");
                }
                if (ticketTypes.listForEvent(e.id()).stream().noneMatch(TicketType::active)) {
                    throw new Conflict("no_ticket_types", "Add at least one active ticket type before publishing");
                }
                yield copy(e, true, now, e.archivedAt(), e.deletedAt());
            }
            case UNPUBLISH -> {
                if (status == EventStatus.DRAFT) {
                    yield e;
                }
                if (status != EventStatus.PUBLISHED) {
                    throw new Conflict("event_not_published", "Only a published event can be unpublished; this event is " + name(status));
                }
                yield copy(e, false, e.publishedAt(), null, null);
            }
            case ARCHIVE -> {
                if (status == EventStatus.ARCHIVED) {
                    yield e;
                }
                if (status == EventStatus.DELETED) {
                    throw new Conflict("event_deleted", "A deleted event cannot be archived; restore it first");
                }
                yield copy(e, e.published(), e.publishedAt(), now, null);
            }
            case RESTORE -> status == EventStatus.ARCHIVED || status == EventStatus.DELETED
                    ? copy(e, e.published(), e.publishedAt(), null, null)
                    : e;
            case DELETE -> status == EventStatus.DELETED
                    ? e
                    // a deleted event goes off sale at once and comes back as a draft if restored
                    : copy(e, false, e.publishedAt(), e.archivedAt(), now);
        };
    }

    private static Event copy(Event e, boolean published, Instant publishedAt, Instant archivedAt, Instant deletedAt) {
        return new Event(e.id(), e.orgId(), e.title(), e.slug(), e.description(), e.type(), e.visibility(), e.startsAt(),
                e.endsAt(), e.timeZone(), e.location(), e.customFields(), e.contact(), e.tags(), e.seriesId(),
                e.clonedFrom(), published, publishedAt, archivedAt, deletedAt, e.version(), e.createdAt(), e.updatedAt());
    }

    private static String name(EventStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
