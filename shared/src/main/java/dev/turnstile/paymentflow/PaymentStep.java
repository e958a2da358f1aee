package dev.turnstile.paymentflow;

import java.util.Locale;

/** The steps of the payment workflow, by the names the state machine's task states send. */
public enum PaymentStep {
    /** Where does the registration stand: paid, ended, waiting for the buyer, or its hold ran out? */
    CHECK,
    /** The hold ran out unpaid: end the registration and give its seats back (the hold-expiry path). */
    RELEASE_HOLD,
    /** Cancel the ended registration's open attempt at the provider, execute pending refunds (the runner's step). */
    FOLLOW_UP;

    /** {@code release-hold}: the name in the workflow's JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PaymentStep fromWireName(String name) {
        for (PaymentStep step : values()) {
            if (step.wireName().equals(name)) {
                return step;
            }
        }
        throw new IllegalArgumentException("Unknown payment step '" + name + "'");
    }
}
