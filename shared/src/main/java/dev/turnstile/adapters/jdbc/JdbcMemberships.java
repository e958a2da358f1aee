package dev.turnstile.adapters.jdbc;

import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.MembershipRepository;
import java.util.Optional;
import java.util.UUID;

public final class JdbcMemberships implements MembershipRepository {

    private final Sql sql;

    public JdbcMemberships(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Role> roleOf(UUID orgId, UUID userId) {
        return sql.one("SELECT role::text FROM org_members WHERE org_id = ? AND user_id = ?",
                rs -> Role.fromWire(rs.getString(1)), orgId, userId);
    }

    @Override
    public void add(UUID orgId, UUID userId, Role role) {
        sql.update("INSERT INTO org_members (org_id, user_id, role) VALUES (?, ?, ?::org_role)", orgId, userId, role);
    }
}
