package dev.turnstile.registration;

/**
 * A ticket's tax, fixed when it is bought: the rate in parts per million, whether the price
 * contains it (inclusive) or it is added on top (exclusive), and the amount in minor units.
 *
 * <p>Rounding: per ticket (per invoice line), half up to the minor unit, so that the lines of an
 * invoice add up to its totals exactly and a refunded ticket gives back exactly its own tax.
 * Exclusive: {@code tax = round(net × rate)}. Inclusive: the tax contained in the price,
 * {@code tax = round(gross × rate / (1 + rate))}, and the net is what remains.
 */
public record TicketTax(int ratePpm, boolean inclusive, long amountMinor) {

    public static final TicketTax NONE = new TicketTax(0, true, 0);
    private static final long MILLION = 1_000_000L;

    public TicketTax {
        if (ratePpm < 0 || ratePpm > MILLION || amountMinor < 0) {
            throw new IllegalArgumentException("A tax rate lies between 0 and 100 %, and its amount is not negative");
        }
    }

    /** The tax of a ticket costing {@code priceMinor} after its discount, at {@code rate} (none: no tax). */
    public static TicketTax of(TaxRate rate, long priceMinor) {
        if (rate == null || rate.ratePpm() == 0) {
            return rate == null ? NONE : new TicketTax(0, rate.inclusive(), 0);
        }
        long amount = rate.inclusive()
                ? halfUp(Math.multiplyExact(priceMinor, rate.ratePpm()), MILLION + rate.ratePpm())
                : halfUp(Math.multiplyExact(priceMinor, rate.ratePpm()), MILLION);
        return new TicketTax(rate.ratePpm(), rate.inclusive(), amount);
    }

    /** What the tax adds to the price: all of it if exclusive, nothing if the price contains it. */
    public long addedMinor() {
        return inclusive ? 0 : amountMinor;
    }

    /** {@code numerator / denominator} rounded half up; both are non-negative. */
    static long halfUp(long numerator, long denominator) {
        return (numerator / denominator) + ((numerator % denominator) * 2 >= denominator ? 1 : 0);
    }
}
