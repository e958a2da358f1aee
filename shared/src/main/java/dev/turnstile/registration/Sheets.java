package dev.turnstile.registration;

import dev.turnstile.common.Conflict;
import dev.turnstile.event.Event;
import dev.turnstile.event.EventRepository;
import dev.turnstile.organization.Branding;
import dev.turnstile.organization.Organization;
import dev.turnstile.organization.OrganizationRepository;
import dev.turnstile.ticket.TicketType;
import dev.turnstile.ticket.TicketTypeRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gathers what a registration's printed tickets show; inside the caller's transaction. */
public final class Sheets {

    private final OrganizationRepository organizations;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;

    private Sheets(OrganizationRepository organizations, EventRepository events, TicketTypeRepository ticketTypes) {
        this.organizations = organizations;
        this.events = events;
        this.ticketTypes = ticketTypes;
    }

    public static Sheets of(OrganizationRepository organizations, EventRepository events, TicketTypeRepository ticketTypes) {
        return new Sheets(organizations, events, ticketTypes);
    }

    /** Only issued tickets are printed: a reserved (unpaid) or cancelled one admits nobody. */
    TicketSheet of(Registration r) {
        List<Ticket> issued = r.tickets().stream().filter(t -> t.status() == TicketStatus.ISSUED).toList();
        if (issued.isEmpty()) {
            throw new Conflict("tickets_not_issued", r.status() == RegistrationStatus.PENDING
                    ? "The registration is awaiting payment; its tickets are issued once it is paid"
                    : "The registration has no valid tickets");
        }
        Organization org = organizations.find(r.orgId()).orElseThrow();
        Branding branding = organizations.branding(r.orgId());
        Event event = events.find(r.eventId()).orElseThrow();
        Map<UUID, String> typeNames = ticketTypes.listForEvent(r.eventId()).stream()
                .collect(Collectors.toMap(TicketType::id, TicketType::name));
        Function<String, String> location = key -> event.location().get(key) instanceof String s && !s.isBlank() ? s : null;
        return new TicketSheet(org.name(), branding.colors().get("primary") instanceof String c ? c : null,
                event.title(), event.startsAt(), event.endsAt(), event.timeZone(), location.apply("venue"),
                location.apply("address"), location.apply("onlineUrl"), r.confirmationNumber(),
                issued.stream().map(t -> new TicketSheet.Page(t.attendeeName(), typeNames.get(t.ticketTypeId()),
                        t.qrCode(), t.ticketCode())).toList());
    }
}
