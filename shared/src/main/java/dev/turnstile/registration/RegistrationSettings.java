package dev.turnstile.registration;

/**
 * An event's registration rules: optional event-wide capacity across ticket types (with the seats
 * taken so far), how long an unpaid registration holds its seats, how long a waitlist offer stays
 * open, and whether attendees may cancel themselves.
 */
public record RegistrationSettings(Integer capacity, int seatsTaken, int holdMinutes, int waitlistOfferMinutes,
                                   boolean attendeeCancellation) {

    /** The editable part; null keeps the current value, except {@code capacity} which is always replaced. */
    public record Changes(Integer capacity, Integer holdMinutes, Integer waitlistOfferMinutes, Boolean attendeeCancellation) {
    }
}
