package dev.turnstile.organization;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.identity.UserRepository;
import dev.turnstile.tenancy.MembershipRepository;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Creates an organization; its creator becomes its owner. */
public final class CreateOrganization {

    public record Command(String name, String slug, String description, Map<String, Object> settings) {
    }

    private final Transactions transactions;
    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final Clock clock;

    public CreateOrganization(Transactions transactions, UserRepository users, OrganizationRepository organizations,
                              MembershipRepository memberships, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.organizations = organizations;
        this.memberships = memberships;
        this.clock = clock;
    }

    public Membership create(Principal caller, Command command) {
        OrganizationRules.validate(command.name(), command.slug(), command.description(), command.settings());
        UUID id = UUID.randomUUID();
        var now = clock.instant();
        Organization organization = new Organization(id, command.name().strip(), command.slug(), command.description(),
                command.settings() == null ? Map.of() : command.settings(), false, now, now);
        // the new organization is the tenant context from its first statement on
        return transactions.write(TenantContext.of(id, caller.userId()), () -> {
            users.ensure(caller);
            organizations.insert(organization);
            memberships.add(id, caller.userId(), Role.OWNER);
            return new Membership(organization, Role.OWNER);
        });
    }
}
