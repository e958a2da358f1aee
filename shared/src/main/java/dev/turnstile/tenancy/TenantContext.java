package dev.turnstile.tenancy;

import java.util.Optional;
import java.util.UUID;

/**
 * Whose data a unit of work may see: the organization in context (row-level security shows only
 * its rows) and the acting user (recorded by the audit log). Either may be absent: a user listing
 * their organizations has no organization in context; a public page has no user.
 */
public final class TenantContext {

    private final UUID orgId;
    private final UUID userId;

    private TenantContext(UUID orgId, UUID userId) {
        this.orgId = orgId;
        this.userId = userId;
    }

    public static TenantContext of(UUID orgId, UUID userId) {
        return new TenantContext(orgId, userId);
    }

    public static TenantContext user(UUID userId) {
        return new TenantContext(null, userId);
    }

    public static TenantContext publicReader(UUID orgId) {
        return new TenantContext(orgId, null);
    }

    /** Work the system does for an organization with no acting user (the expiry sweeper). */
    public static TenantContext system(UUID orgId) {
        return new TenantContext(orgId, null);
    }

    public static TenantContext none() {
        return new TenantContext(null, null);
    }

    public Optional<UUID> orgId() {
        return Optional.ofNullable(orgId);
    }

    public Optional<UUID> userId() {
        return Optional.ofNullable(userId);
    }
}
