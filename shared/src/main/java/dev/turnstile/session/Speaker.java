package dev.turnstile.session;

import dev.turnstile.common.Maps;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A person who speaks at an organization's sessions; kept per organization, reused across events. */
public record Speaker(
        UUID id,
        UUID orgId,
        String name,
        String title,
        String bio,
        String photoUrl,
        String email,
        Map<String, Object> socialLinks,
        Instant createdAt,
        Instant updatedAt) {

    public Speaker {
        socialLinks = Maps.copyOf(socialLinks);
    }

    public record Details(String name, String title, String bio, String photoUrl, String email,
                          Map<String, Object> socialLinks) {
    }
}
