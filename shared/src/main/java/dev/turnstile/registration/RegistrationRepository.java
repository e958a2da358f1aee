package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

public interface RegistrationRepository {

    /**
     * Writes the registration and its tickets, with the idempotency key of the request that made it
     * (or null). The writes may travel with the transaction's next statement or its commit.
     *
     * @return the confirmation number the database draws for it, known once written (asking sends it)
     */
    Supplier<String> insert(Registration registration, String idempotencyKey);

    Optional<Registration> find(UUID id);

    /** Like {@link #find}, and locks the registration until the transaction ends. */
    Optional<Registration> lock(UUID id);

    Optional<Registration> findByIdempotencyKey(UUID eventId, UUID userId, String key);

    /** A new code for an issued ticket: the old one stops matching. */
    void reissue(UUID ticketId, int codeVersion, String qrCode);

    /**
     * Confirms a paid registration (pending, or expired and taken back): its tickets are issued with
     * their signed codes ({@code qrCodes} by ticket id).
     */
    void confirm(UUID id, Instant at, java.util.Map<UUID, String> qrCodes);

    /** Ends a registration (cancelled or expired) and cancels its tickets. */
    void end(UUID id, RegistrationStatus status, Instant at);

    /**
     * Marks issued tickets of a confirmed registration refunded, and with {@code wholeRegistration}
     * the registration too.
     *
     * @return how many tickets were issued and are refunded now
     */
    int refundTickets(UUID id, java.util.Collection<UUID> ticketIds, boolean wholeRegistration);

    List<Registration> list(RegistrationQuery query);

    /** The user's registrations in every organization, newest first (row-level security shows only theirs). */
    List<Registration> listForUser(UUID userId);
}
