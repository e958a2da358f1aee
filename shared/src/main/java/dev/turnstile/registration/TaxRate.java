package dev.turnstile.registration;

import java.time.Instant;
import java.util.UUID;

/**
 * A tax rate of an organization, named by its ticket types: parts per million (19 % is 190000,
 * 8.875 % is 88750), inclusive (prices contain it) or exclusive (it is added to prices).
 */
public record TaxRate(UUID id, UUID orgId, String name, int ratePpm, boolean inclusive, Instant createdAt) {
}
