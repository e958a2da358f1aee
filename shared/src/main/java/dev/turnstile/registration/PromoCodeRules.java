package dev.turnstile.registration;

import dev.turnstile.common.Check;
import dev.turnstile.ticket.TicketType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

final class PromoCodeRules {

    static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{2,39}");

    private PromoCodeRules() {
    }

    static void validate(PromoCode.Details d, List<TicketType> eventTypes) {
        Check check = new Check();
        if (check.present(d.code(), "code")) {
            check.require(CODE.matcher(d.code()).matches(), "code",
                    "must be 3 to 40 letters, digits, - or _ (case does not matter)");
        }
        if (check.present(d.kind(), "kind")) {
            switch (d.kind()) {
                case PERCENT -> {
                    check.require(d.percentOff() != null && d.percentOff() >= 1 && d.percentOff() <= 100, "percentOff",
                            "must be a whole percentage from 1 to 100");
                    check.require(d.amountOffMinor() == null, "amountOffMinor", "is for fixed-amount codes");
                }
                case FIXED -> {
                    check.require(d.amountOffMinor() != null && d.amountOffMinor() > 0
                            && d.amountOffMinor() <= 1_000_000_000L, "amountOffMinor", "must be a positive amount in minor units");
                    check.require(d.percentOff() == null, "percentOff", "is for percentage codes");
                }
            }
        }
        if (d.usageLimit() != null) {
            check.require(d.usageLimit() >= 1, "usageLimit", "must be at least 1 (leave it out for unlimited)");
        }
        if (d.validFrom() != null && d.validUntil() != null) {
            check.require(d.validUntil().isAfter(d.validFrom()), "validUntil", "must be after validFrom");
        }
        Set<UUID> known = new HashSet<>();
        eventTypes.forEach(t -> known.add(t.id()));
        if (d.ticketTypeIds() != null) {
            for (UUID id : d.ticketTypeIds()) {
                check.require(id != null && known.contains(id), "ticketTypeIds", "must name ticket types of this event");
            }
        }
        check.orThrow();
    }
}
