package dev.turnstile.registration;

import java.time.Instant;
import java.util.UUID;

public record WaitlistEntry(
        UUID id,
        UUID orgId,
        UUID eventId,
        UUID ticketTypeId,
        UUID userId,
        int quantity,
        WaitlistStatus status,
        Instant offeredAt,
        Instant offerExpiresAt,
        UUID registrationId,
        Instant createdAt) {
}
