package dev.turnstile.tenancy;

import dev.turnstile.common.Forbidden;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The API-side half of tenant isolation (row-level security is the database-side half): opens a
 * transaction in the organization's context and lets the work run only if the caller is a member
 * with at least the given role. Non-members learn nothing: they get "not found".
 */
public final class OrgAccess {

    private final Transactions transactions;
    private final MembershipRepository memberships;

    public OrgAccess(Transactions transactions, MembershipRepository memberships) {
        this.transactions = transactions;
        this.memberships = memberships;
    }

    public <T> T write(Principal caller, UUID orgId, Role minimum, Supplier<T> work) {
        return transactions.write(TenantContext.of(orgId, caller.userId()), () -> {
            authorize(caller, orgId, minimum);
            return work.get();
        });
    }

    public <T> T read(Principal caller, UUID orgId, Role minimum, Supplier<T> work) {
        return transactions.read(TenantContext.of(orgId, caller.userId()), () -> {
            authorize(caller, orgId, minimum);
            return work.get();
        });
    }

    private void authorize(Principal caller, UUID orgId, Role minimum) {
        Role role = memberships.roleOf(orgId, caller.userId())
                .orElseThrow(() -> new NotFound("organization", orgId));
        if (!role.atLeast(minimum)) {
            throw new Forbidden("This needs the " + minimum.wireName() + " role or higher; you are "
                    + role.wireName());
        }
    }
}
