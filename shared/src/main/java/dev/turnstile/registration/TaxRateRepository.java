package dev.turnstile.registration;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An organization's tax rates, and which one each ticket type charges. */
public interface TaxRateRepository {

    void insert(TaxRate rate);

    Optional<TaxRate> find(UUID id);

    List<TaxRate> list();

    /** Sets (or, with null, clears) the ticket type's rate; false if the type is not in the event. */
    boolean assign(UUID eventId, UUID ticketTypeId, UUID taxRateId);
}
