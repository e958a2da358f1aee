package dev.turnstile.payment;

/** A payment attempt's state as we record it ({@code payment_status} in SQL). */
public enum PaymentStatus {
    CREATED, REQUIRES_ACTION, AUTHORIZED, SUCCEEDED, FAILED, CANCELLED, REFUNDED, PARTIALLY_REFUNDED;

    /** Still able to take the buyer's money. */
    public boolean isOpen() {
        return this == CREATED || this == REQUIRES_ACTION || this == AUTHORIZED;
    }

    /** Money was taken (some of it may have been given back). */
    public boolean isPaid() {
        return this == SUCCEEDED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
