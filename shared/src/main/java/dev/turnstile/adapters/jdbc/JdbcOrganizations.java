package dev.turnstile.adapters.jdbc;

import static dev.turnstile.adapters.jdbc.Sql.instant;
import static dev.turnstile.adapters.jdbc.Sql.jsonObject;
import static dev.turnstile.adapters.jdbc.Sql.uuid;

import dev.turnstile.identity.Role;
import dev.turnstile.organization.Branding;
import dev.turnstile.organization.Membership;
import dev.turnstile.organization.Organization;
import dev.turnstile.organization.OrganizationRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public final class JdbcOrganizations implements OrganizationRepository {

    private static final String COLUMNS = "o.id, o.name, o.slug, o.description, o.settings, o.is_verified, o.created_at, o.updated_at";

    private final Sql sql;

    public JdbcOrganizations(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Organization o) {
        sql.update("INSERT INTO organizations (id, name, slug, description, settings) VALUES (?, ?, ?, ?, ?)",
                o.id(), o.name(), o.slug(), o.description(), new Sql.Json(o.settings()));
    }

    @Override
    public Optional<Organization> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM organizations o WHERE o.id = ?", JdbcOrganizations::map, id);
    }

    @Override
    public void update(Organization o) {
        sql.update("UPDATE organizations SET name = ?, slug = ?, description = ?, settings = ? WHERE id = ?",
                o.name(), o.slug(), o.description(), new Sql.Json(o.settings()), o.id());
    }

    @Override
    public List<Membership> listForUser(UUID userId) {
        return sql.list("SELECT " + COLUMNS + ", m.role::text AS role FROM organizations o"
                        + " JOIN org_members m ON m.org_id = o.id WHERE m.user_id = ? ORDER BY lower(o.name), o.id",
                rs -> new Membership(map(rs), Role.fromWire(rs.getString("role"))), userId);
    }

    @Override
    public Branding branding(UUID orgId) {
        return sql.one("SELECT logo_url, colors, templates, terms_of_service, privacy_policy FROM org_branding WHERE org_id = ?",
                rs -> new Branding(rs.getString("logo_url"), jsonObject(rs, "colors"), jsonObject(rs, "templates"),
                        rs.getString("terms_of_service"), rs.getString("privacy_policy")),
                orgId).orElse(Branding.NONE);
    }

    @Override
    public void saveBranding(UUID orgId, Branding b) {
        sql.update("""
                INSERT INTO org_branding (org_id, logo_url, colors, templates, terms_of_service, privacy_policy)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id) DO UPDATE SET logo_url = excluded.logo_url, colors = excluded.colors,
                  templates = excluded.templates, terms_of_service = excluded.terms_of_service,
                  privacy_policy = excluded.privacy_policy
                """, orgId, b.logoUrl(), new Sql.Json(b.colors()), new Sql.Json(b.templates()), b.termsOfService(),
                b.privacyPolicy());
    }

    @Override
    public Optional<UUID> idBySlug(String slug) {
        return sql.one("SELECT org_id_by_slug(?) AS id", rs -> uuid(rs, "id"), slug).filter(id -> id != null);
    }

    private static Organization map(ResultSet rs) throws SQLException {
        return new Organization(uuid(rs, "id"), rs.getString("name"), rs.getString("slug"), rs.getString("description"),
                jsonObject(rs, "settings"), rs.getBoolean("is_verified"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
