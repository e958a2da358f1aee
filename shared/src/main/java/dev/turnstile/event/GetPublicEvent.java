package dev.turnstile.event;

import dev.turnstile.common.NotFound;
import dev.turnstile.organization.Branding;
import dev.turnstile.organization.Organization;
import dev.turnstile.organization.OrganizationRepository;
import dev.turnstile.session.SessionRepository;
import dev.turnstile.session.SessionSpeaker;
import dev.turnstile.session.SessionStatus;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import dev.turnstile.ticket.TicketTypeRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A published event by organization slug and event slug, for anyone. Drafts, archived and deleted
 * events are "not found"; private events open by their link but are not listed.
 */
public final class GetPublicEvent {

    private final Transactions transactions;
    private final OrganizationRepository organizations;
    private final EventRepository events;
    private final SessionRepository sessions;
    private final TicketTypeRepository ticketTypes;
    private final Clock clock;

    public GetPublicEvent(Transactions transactions, OrganizationRepository organizations, EventRepository events,
                          SessionRepository sessions, TicketTypeRepository ticketTypes, Clock clock) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.events = events;
        this.sessions = sessions;
        this.ticketTypes = ticketTypes;
        this.clock = clock;
    }

    public PublicEvent get(String orgSlug, String eventSlug) {
        NotFound notFound = new NotFound("event_not_found", "No published event " + orgSlug + "/" + eventSlug);
        UUID orgId = transactions.read(TenantContext.none(), () -> organizations.idBySlug(orgSlug))
                .orElseThrow(() -> notFound);
        Instant now = clock.instant();
        return transactions.read(TenantContext.publicReader(orgId), () -> {
            Event event = events.findBySlug(eventSlug).filter(Event::isOnPublicView).orElseThrow(() -> notFound);
            Organization org = organizations.find(orgId).orElseThrow(() -> notFound);
            Branding branding = organizations.branding(orgId);
            return new PublicEvent(
                    new PublicEvent.Organizer(org.name(), org.slug(), branding.logoUrl(), branding.colors()),
                    event.id(), event.title(), event.slug(), event.description(), event.type(), event.startsAt(),
                    event.endsAt(), event.timeZone(), event.location(), event.contact(), event.tags(),
                    sessions.listForEvent(event.id()).stream()
                            .map(s -> new PublicEvent.PublicSession(s.id(), s.title(), s.description(), s.room(),
                                    s.startsAt(), s.endsAt(), s.tags(), s.status() == SessionStatus.CANCELLED,
                                    s.speakers().stream().map(SessionSpeaker::name).toList()))
                            .toList(),
                    ticketTypes.listForEvent(event.id()).stream()
                            .filter(t -> t.active() && !t.hidden())
                            .map(t -> new PublicEvent.PublicTicketType(t.id(), t.name(), t.description(),
                                    t.priceMinor(), t.currency(), t.available(), t.available() == 0, t.onSaleAt(now),
                                    t.saleStartsAt(), t.saleEndsAt()))
                            .toList());
        });
    }
}
