package dev.turnstile.event;

import dev.turnstile.common.Check;
import java.time.Duration;
import java.util.Map;

/** The rules an event's fields follow, shared by create, update and clone. */
final class EventRules {

    static final Duration LONGEST_EVENT = Duration.ofDays(366);

    private EventRules() {
    }

    static void validate(Event.Details d) {
        Check check = new Check()
                .text(d.title(), "title", 200)
                .slug(d.slug(), "slug", Check.EVENT_SLUG)
                .optionalText(d.description(), "description", 50_000)
                .timeZone(d.timeZone(), "timeZone")
                .jsonObjectSize(d.location(), "location", 30)
                .jsonObjectSize(d.customFields(), "customFields", 100)
                .jsonObjectSize(d.contact(), "contact", 20)
                .tags(d.tags(), "tags");
        check.present(d.type(), "type");
        check.present(d.visibility(), "visibility");
        boolean hasStart = check.present(d.startsAt(), "startsAt");
        boolean hasEnd = check.present(d.endsAt(), "endsAt");
        if (hasStart && hasEnd) {
            check.require(d.endsAt().isAfter(d.startsAt()), "endsAt", "must be after startsAt");
            check.require(!d.endsAt().isAfter(d.startsAt().plus(LONGEST_EVENT)), "endsAt",
                    "an event lasts at most 366 days; link a series for longer runs");
        }
        if (d.type() != null && d.location() != null) {
            boolean venue = d.location().get("venue") instanceof String s && !s.isBlank();
            boolean link = d.location().get("onlineUrl") instanceof String s && !s.isBlank();
            switch (d.type()) {
                case IN_PERSON -> check.require(venue, "location.venue", "is required for an in-person event");
                case ONLINE -> check.require(link || !d.location().containsKey("onlineUrl"), "location.onlineUrl",
                        "must not be blank");
                case HYBRID -> check.require(venue, "location.venue", "is required for a hybrid event");
            }
            Object onlineUrl = d.location().get("onlineUrl");
            if (onlineUrl != null) {
                // a number or an object is no more a link than a malformed string is
                check.optionalUrl(onlineUrl instanceof String url ? url : "", "location.onlineUrl");
            }
        }
        Object email = d.contact() == null ? null : d.contact().get("email");
        if (email != null) {
            check.optionalEmail(email instanceof String s ? s : "", "contact.email");
        }
        check.orThrow();
    }

    static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }
}
