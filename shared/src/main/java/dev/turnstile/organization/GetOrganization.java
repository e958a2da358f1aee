package dev.turnstile.organization;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.MembershipRepository;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** One organization, for any of its members. */
public final class GetOrganization {

    private final OrgAccess access;
    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;

    public GetOrganization(OrgAccess access, OrganizationRepository organizations, MembershipRepository memberships) {
        this.access = access;
        this.organizations = organizations;
        this.memberships = memberships;
    }

    public Membership get(Principal caller, UUID orgId) {
        return access.read(caller, orgId, Role.GUEST, () -> new Membership(
                organizations.find(orgId).orElseThrow(() -> new NotFound("organization", orgId)),
                memberships.roleOf(orgId, caller.userId()).orElseThrow()));
    }
}
