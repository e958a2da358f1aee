package dev.turnstile.organization;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.Map;
import dev.turnstile.common.Patch;
import java.util.UUID;

/** Changes an organization's name, slug, description or settings (admins and owners). */
public final class UpdateOrganization {

    /** Fields left null stay as they are. */
    public record Changes(String name, String slug, String description, Map<String, Object> settings) {
    }

    private final OrgAccess access;
    private final OrganizationRepository organizations;

    public UpdateOrganization(OrgAccess access, OrganizationRepository organizations) {
        this.access = access;
        this.organizations = organizations;
    }

    public Organization update(Principal caller, UUID orgId, Changes changes) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Organization current = organizations.find(orgId).orElseThrow(() -> new NotFound("organization", orgId));
            Organization changed = new Organization(
                    orgId,
                    changes.name() == null ? current.name() : changes.name().strip(),
                    Patch.or(changes.slug(), current.slug()),
                    Patch.or(changes.description(), current.description()),
                    Patch.or(changes.settings(), current.settings()),
                    current.verified(),
                    current.createdAt(),
                    current.updatedAt());
            OrganizationRules.validate(changed.name(), changed.slug(), changed.description(), changed.settings());
            organizations.update(changed);
            return organizations.find(orgId).orElseThrow();
        });
    }
}
