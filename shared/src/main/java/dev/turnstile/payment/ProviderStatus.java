package dev.turnstile.payment;

/** A provider payment's state, in one vocabulary for every provider. */
public enum ProviderStatus {
    /** The buyer still has to act (enter a card, approve at PayPal, pass 3-D Secure). */
    REQUIRES_ACTION,
    /** The provider is working on it. */
    PROCESSING,
    /** Approved or authorized; money moves when we capture it. */
    AUTHORIZED,
    SUCCEEDED,
    /** Declined or failed; this attempt will not succeed. */
    FAILED,
    CANCELLED
}
