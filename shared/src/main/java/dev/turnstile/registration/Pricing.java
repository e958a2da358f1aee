package dev.turnstile.registration;

/**
 * Discounts, in integer minor units, per ticket. A percentage is rounded half up to the minor unit
 * (15 % of 999 is 149.85, so 150 off); a fixed amount is capped at the ticket's price, so no ticket
 * costs less than nothing. The order's discount is the sum of its tickets' discounts, so the
 * per-ticket amounts always add up to the order's (refunds of single tickets stay exact).
 */
public final class Pricing {

    private Pricing() {
    }

    public static long discount(long priceMinor, PromoCode code) {
        if (code == null) {
            return 0;
        }
        return switch (code.kind()) {
            case PERCENT -> (priceMinor * code.percentOff() + 50) / 100;
            case FIXED -> Math.min(priceMinor, code.amountOffMinor());
        };
    }
}
