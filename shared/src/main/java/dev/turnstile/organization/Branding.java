package dev.turnstile.organization;

import dev.turnstile.common.Maps;
import java.util.Map;

/** How an organization's pages, e-mails and tickets look, and the legal texts they link. */
public record Branding(
        String logoUrl,
        Map<String, Object> colors,
        Map<String, Object> templates,
        String termsOfService,
        String privacyPolicy) {

    public static final Branding NONE = new Branding(null, Map.of(), Map.of(), null, null);

    public Branding {
        colors = Maps.copyOf(colors);
        templates = Maps.copyOf(templates);
    }
}
