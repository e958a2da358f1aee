package dev.turnstile.registration;

import dev.turnstile.event.Event;
import dev.turnstile.ticket.TicketType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything {@link Register} reads before it writes, read together: the event's ticket types,
 * its registration settings, the event itself, its questions and the tax rates of the types asked
 * for. One round trip to the database instead of one per read; in a flash sale, round trips (each
 * a wake-up of this process and of the database's) cost more than the reads themselves.
 */
public interface RegistrationInputs {

    /**
     * @param ticketTypes all of the event's ticket types, committed counts included
     * @param rules       the event's registration settings
     * @param event       the event (empty if it is gone)
     * @param taxRates    the tax rate of each ticket type asked for that has one
     */
    record Inputs(List<TicketType> ticketTypes, RegistrationSettings rules, Optional<Event> event,
                  List<Question> questions, Map<UUID, TaxRate> taxRates) {

        public Map<UUID, TicketType> ticketTypesById() {
            return ticketTypes.stream().collect(java.util.stream.Collectors.toMap(TicketType::id, t -> t));
        }
    }

    /**
     * Reads the inputs in the current transaction and key-share locks the event's row until it
     * ends, as {@link RegistrationSettingsRepository#readForRegistration} does: the event cannot be
     * unpublished, edited or given a new capacity under the registration.
     *
     * @param ticketTypeIds the ticket types asked for, not yet checked (rates of others are not read)
     */
    Inputs read(UUID eventId, Collection<UUID> ticketTypeIds);
}
