package dev.turnstile.ticket;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface TicketTypeRepository {

    void insert(TicketType ticketType);

    /** Locks the row until the transaction ends, so that changes and sales are serialized. */
    Optional<TicketType> lock(UUID eventId, UUID ticketTypeId);

    void update(TicketType ticketType);

    List<TicketType> listForEvent(UUID eventId);
}
