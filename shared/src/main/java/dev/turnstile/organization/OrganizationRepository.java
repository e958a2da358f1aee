package dev.turnstile.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface OrganizationRepository {

    void insert(Organization organization);

    Optional<Organization> find(UUID id);

    void update(Organization organization);

    List<Membership> listForUser(UUID userId);

    Branding branding(UUID orgId);

    void saveBranding(UUID orgId, Branding branding);

    /** Resolves a public slug to the organization's id, outside any tenant context. */
    Optional<UUID> idBySlug(String slug);
}
