package dev.turnstile.adapters.jdbc;

import dev.turnstile.event.Event;
import dev.turnstile.registration.Question;
import dev.turnstile.registration.RegistrationInputs;
import dev.turnstile.registration.RegistrationSettings;
import dev.turnstile.registration.TaxRate;
import dev.turnstile.ticket.TicketType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The five reads of a registration, each the same statement its own repository runs, queued and
 * sent in one message (with the transaction's tenant context ahead of them).
 */
public final class JdbcRegistrationInputs implements RegistrationInputs {

    private final Sql sql;

    public JdbcRegistrationInputs(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Inputs read(UUID eventId, Collection<UUID> ticketTypeIds) {
        Supplier<List<TicketType>> types = sql.listLater(JdbcTicketTypes.FOR_EVENT, JdbcTicketTypes::map, eventId);
        Supplier<Optional<RegistrationSettings>> rules = sql.oneLater(JdbcRegistrationSettings.FOR_REGISTRATION,
                JdbcRegistrationSettings::map, eventId);
        Supplier<Optional<Event>> event = sql.oneLater(JdbcEvents.BY_ID, JdbcEvents::map, eventId);
        Supplier<List<Question>> questions = sql.listLater(JdbcQuestions.FOR_EVENT, JdbcQuestions::map, eventId);
        Supplier<List<Map.Entry<UUID, TaxRate>>> rates = sql.listLater(JdbcTaxRates.FOR_TICKET_TYPES,
                JdbcTaxRates::mapOfType, (Object) ticketTypeIds.toArray(UUID[]::new));
        RegistrationSettings settings = JdbcRegistrationSettings.found(eventId, rules.get()); // sends all five
        return new Inputs(types.get(), settings, event.get(), questions.get(),
                rates.get().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
