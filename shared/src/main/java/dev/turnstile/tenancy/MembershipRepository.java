package dev.turnstile.tenancy;

import dev.turnstile.identity.Role;
import java.util.Optional;
import java.util.UUID;

public interface MembershipRepository {

    Optional<Role> roleOf(UUID orgId, UUID userId);

    void add(UUID orgId, UUID userId, Role role);
}
