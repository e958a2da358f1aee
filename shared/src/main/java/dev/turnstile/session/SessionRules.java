package dev.turnstile.session;

import dev.turnstile.common.Check;
import dev.turnstile.event.Event;
import java.util.Map;

final class SessionRules {

    private SessionRules() {
    }

    static void validate(Session.Details d, Event event) {
        Check check = new Check()
                .text(d.title(), "title", 200)
                .optionalText(d.description(), "description", 20_000)
                .optionalText(d.room(), "room", 200)
                .tags(d.tags(), "tags");
        boolean hasStart = check.present(d.startsAt(), "startsAt");
        boolean hasEnd = check.present(d.endsAt(), "endsAt");
        if (hasStart && hasEnd) {
            check.require(d.endsAt().isAfter(d.startsAt()), "endsAt", "must be after startsAt");
            check.require(!d.startsAt().isBefore(event.startsAt()), "startsAt", "must not be before the event starts");
            check.require(!d.endsAt().isAfter(event.endsAt()), "endsAt", "must not be after the event ends");
        }
        if (d.capacity() != null) {
            check.require(d.capacity() > 0 && d.capacity() <= 1_000_000, "capacity", "must be between 1 and 1000000");
        }
        if (d.attachments() != null) {
            check.require(d.attachments().size() <= 20, "attachments", "must have at most 20 entries");
            for (int i = 0; i < d.attachments().size(); i++) {
                Map<String, Object> attachment = d.attachments().get(i);
                if (attachment == null) {
                    check.require(false, "attachments[" + i + "]", "must be an object with name and url");
                    continue;
                }
                check.text(attachment.get("name") instanceof String s ? s : null, "attachments[" + i + "].name", 200);
                check.optionalUrl(attachment.get("url") instanceof String s ? s : "", "attachments[" + i + "].url");
            }
        }
        check.orThrow();
    }

    static void validate(Speaker.Details d) {
        Check check = new Check()
                .text(d.name(), "name", 200)
                .optionalText(d.title(), "title", 200)
                .optionalText(d.bio(), "bio", 20_000)
                .optionalUrl(d.photoUrl(), "photoUrl")
                .optionalEmail(d.email(), "email")
                .jsonObjectSize(d.socialLinks(), "socialLinks", 20);
        if (d.socialLinks() != null) {
            d.socialLinks().forEach((network, url) ->
                    check.optionalUrl(url instanceof String s ? s : "", "socialLinks." + network));
        }
        check.orThrow();
    }
}
