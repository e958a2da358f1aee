package dev.turnstile.event;

import dev.turnstile.common.NotFound;
import dev.turnstile.organization.OrganizationRepository;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/** An organization's public, published, upcoming events, for its public page. */
public final class ListPublicEvents {

    private final Transactions transactions;
    private final OrganizationRepository organizations;
    private final EventRepository events;
    private final Clock clock;

    public ListPublicEvents(Transactions transactions, OrganizationRepository organizations, EventRepository events,
                            Clock clock) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.events = events;
        this.clock = clock;
    }

    public java.util.List<PublicEvent.Summary> list(String orgSlug, int limit) {
        UUID orgId = transactions.read(TenantContext.none(), () -> organizations.idBySlug(orgSlug))
                .orElseThrow(() -> new NotFound("organization_not_found", "No organization " + orgSlug));
        // events still running count as upcoming
        EventQuery query = new EventQuery(Set.of(EventStatus.PUBLISHED), null, null, null, clock.instant(), null,
                Visibility.PUBLIC, null, null, null, limit);
        return transactions.read(TenantContext.publicReader(orgId), () -> events.list(query)).stream()
                .map(e -> new PublicEvent.Summary(e.id(), e.title(), e.slug(), e.type(), e.startsAt(), e.endsAt(),
                        e.timeZone(), e.location(), e.tags()))
                .toList();
    }
}
