package dev.turnstile.registration;

import dev.turnstile.common.Conflict;

/** What may be cancelled, for organizers and attendees alike. */
final class Cancellation {

    private Cancellation() {
    }

    static void requireCancellable(Registration r) {
        switch (r.status()) {
            case PENDING -> { }
            case CONFIRMED -> {
                if (!r.isFree()) {
                    throw new Conflict("refund_required",
                            "This registration is paid: refund it, which cancels it, so that no money is kept");
                }
            }
            case EXPIRED -> throw new Conflict("registration_expired", "The registration's hold expired; it holds nothing");
            case CANCELLED -> throw new Conflict("registration_cancelled", "The registration is cancelled already");
            case REFUNDED -> throw new Conflict("registration_refunded", "The registration was refunded");
        }
    }
}
