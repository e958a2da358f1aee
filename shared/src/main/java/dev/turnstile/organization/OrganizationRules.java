package dev.turnstile.organization;

import dev.turnstile.common.Check;
import java.util.Map;

/** The rules an organization's fields follow, shared by create and update. */
final class OrganizationRules {

    private OrganizationRules() {
    }

    static void validate(String name, String slug, String description, Map<String, Object> settings) {
        new Check()
                .text(name, "name", 200)
                .slug(slug, "slug", Check.SLUG)
                .optionalText(description, "description", 10_000)
                .jsonObjectSize(settings, "settings", 100)
                .orThrow();
    }
}
