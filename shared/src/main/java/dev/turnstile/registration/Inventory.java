package dev.turnstile.registration;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The scarce things, each taken by one atomic conditional write whose condition is the limit
 * itself: there is no read-then-write window in which two buyers could both get the last seat.
 * See docs/inventory.md.
 */
public interface Inventory {

    /**
     * Takes {@code quantity} seats of a ticket type, as held (pending payment) or sold, if they fit
     * in its capacity and it is active and on sale at {@code now}.
     *
     * @return the seats of the type left after taking them; empty if they do not fit (or the type
     *         went off sale), and nothing changed then
     */
    OptionalInt take(UUID ticketTypeId, int quantity, boolean sold, Instant now);

    /** Gives back seats taken earlier (held or sold). */
    void release(UUID ticketTypeId, int quantity, boolean sold);

    /** Turns held seats into sold ones (a pending registration was paid); the capacity is unchanged. */
    void sell(UUID ticketTypeId, int quantity);

    /** Takes seats of the event-wide capacity; only called for events that have one. */
    boolean takeEventSeats(UUID eventId, int seats);

    void releaseEventSeats(UUID eventId, int seats);
}
