package dev.turnstile.ticket;

import dev.turnstile.common.Check;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class TicketTypeRules {

    /** A price above this is a typo, not a ticket (10 million in major units of a 2-decimal currency). */
    static final long MAX_PRICE_MINOR = 1_000_000_000L;
    static final int MAX_CAPACITY = 10_000_000;
    private static final Set<String> RESTRICTIONS = Set.of("minPerOrder", "maxPerOrder");

    private TicketTypeRules() {
    }

    static void validate(TicketType.Details d, List<TicketType> siblings, java.util.UUID self) {
        Check check = new Check()
                .text(d.name(), "name", 200)
                .optionalText(d.description(), "description", 10_000)
                .currency(d.currency(), "currency");
        if (check.present(d.priceMinor(), "priceMinor")) {
            check.require(d.priceMinor() >= 0 && d.priceMinor() <= MAX_PRICE_MINOR, "priceMinor",
                    "must be between 0 (free) and " + MAX_PRICE_MINOR + " minor units");
        }
        if (check.present(d.capacity(), "capacity")) {
            check.require(d.capacity() >= 0 && d.capacity() <= MAX_CAPACITY, "capacity",
                    "must be between 0 and " + MAX_CAPACITY);
        }
        if (d.saleStartsAt() != null && d.saleEndsAt() != null) {
            check.require(d.saleEndsAt().isAfter(d.saleStartsAt()), "saleEndsAt", "must be after saleStartsAt");
        }
        if (d.currency() != null) {
            for (TicketType sibling : siblings) {
                if (!sibling.id().equals(self)) {
                    check.require(sibling.currency().equals(d.currency()), "currency",
                            "must match the event's other ticket types (" + sibling.currency() + ")");
                    break;
                }
            }
        }
        Map<String, Object> restrictions = d.restrictions();
        if (restrictions != null) {
            for (String key : restrictions.keySet()) {
                check.require(RESTRICTIONS.contains(key), "restrictions." + key, "is not a known restriction " + RESTRICTIONS);
                // a restriction is a number; to lift one, leave it out
                check.require(restrictions.get(key) != null, "restrictions." + key, "must not be null; leave it out instead");
            }
            Integer min = positiveInt(restrictions.get("minPerOrder"), "restrictions.minPerOrder", check);
            Integer max = positiveInt(restrictions.get("maxPerOrder"), "restrictions.maxPerOrder", check);
            if (min != null && max != null) {
                check.require(max >= min, "restrictions.maxPerOrder", "must not be below minPerOrder");
            }
        }
        check.orThrow();
    }

    private static Integer positiveInt(Object value, String field, Check check) {
        if (value == null) {
            return null;
        }
        boolean ok = value instanceof Integer i && i >= 1 && i <= 1000;
        check.require(ok, field, "must be a whole number between 1 and 1000");
        return ok ? (Integer) value : null;
    }
}
