package dev.turnstile.registration;

import dev.turnstile.common.Check;
import dev.turnstile.ticket.TicketType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

final class QuestionRules {

    private QuestionRules() {
    }

    static void validate(Question.Details d, List<TicketType> eventTypes) {
        Check check = new Check().text(d.label(), "label", 500);
        check.present(d.kind(), "kind");
        List<String> options = d.options() == null ? List.of() : d.options();
        if (d.kind() == QuestionKind.CHOICE || d.kind() == QuestionKind.MULTI_CHOICE) {
            check.require(!options.isEmpty() && options.size() <= 50, "options", "must list 1 to 50 options");
        } else if (d.kind() != null) {
            check.require(options.isEmpty(), "options", "only choice questions have options");
        }
        Set<String> seen = new HashSet<>();
        for (String option : options) {
            check.require(option != null && !option.isBlank() && option.length() <= 200, "options",
                    "must be non-blank texts of at most 200 characters");
            check.require(option == null || seen.add(option), "options", "must be distinct");
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
