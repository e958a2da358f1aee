package dev.turnstile.organization;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

public final class GetBranding {

    private final OrgAccess access;
    private final OrganizationRepository organizations;

    public GetBranding(OrgAccess access, OrganizationRepository organizations) {
        this.access = access;
        this.organizations = organizations;
    }

    public Branding get(Principal caller, UUID orgId) {
        return access.read(caller, orgId, Role.GUEST, () -> organizations.branding(orgId));
    }
}
