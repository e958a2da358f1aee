package dev.turnstile.organization;

import dev.turnstile.common.Maps;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record Organization(
        UUID id,
        String name,
        String slug,
        String description,
        Map<String, Object> settings,
        boolean verified,
        Instant createdAt,
        Instant updatedAt) {

    public Organization {
        settings = Maps.copyOf(settings);
    }
}
