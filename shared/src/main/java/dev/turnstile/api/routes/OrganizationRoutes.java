package dev.turnstile.api.routes;

import static dev.turnstile.catalogue.ApiRoutes.*;

import dev.turnstile.api.ApiResponse;
import dev.turnstile.wiring.Services;
import dev.turnstile.api.Router;
import dev.turnstile.identity.Role;
import dev.turnstile.organization.Branding;
import dev.turnstile.organization.CreateOrganization;
import dev.turnstile.organization.Membership;
import dev.turnstile.organization.UpdateOrganization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Organizations, their branding, and the caller's own memberships. */
public final class OrganizationRoutes {

    private OrganizationRoutes() {
    }

    /** An organization as its member sees it, with the member's role. */
    public record OrganizationView(UUID id, String name, String slug, String description, Map<String, Object> settings,
                                   boolean verified, Role role, Instant createdAt, Instant updatedAt) {
        public static OrganizationView of(Membership m) {
            var o = m.organization();
            return new OrganizationView(o.id(), o.name(), o.slug(), o.description(), o.settings(), o.verified(),
                    m.role(), o.createdAt(), o.updatedAt());
        }
    }

    public record MeView(UUID id, String email, String name, List<OrganizationView> organizations) {
    }

    public static void bind(Router router, Services s) {
        router.bind(GET_ME, req -> {
            var me = req.principal();
            var orgs = s.listMyOrganizations.list(me).stream().map(OrganizationView::of).toList();
            return ApiResponse.ok(new MeView(me.userId(), me.email(), me.name(), orgs));
        });
        router.bind(CREATE_ORGANIZATION, req -> {
            Membership created = s.createOrganization.create(req.principal(), req.body(CreateOrganization.Command.class));
            return ApiResponse.created("/v1/orgs/" + created.organization().id(), OrganizationView.of(created));
        });
        router.bind(LIST_MY_ORGANIZATIONS, req -> ApiResponse.ok(Map.of("items",
                s.listMyOrganizations.list(req.principal()).stream().map(OrganizationView::of).toList())));
        router.bind(GET_ORGANIZATION, req -> ApiResponse.ok(OrganizationView.of(
                s.getOrganization.get(req.principal(), req.pathId("orgId", "organization")))));
        router.bind(UPDATE_ORGANIZATION, req -> {
            UUID orgId = req.pathId("orgId", "organization");
            s.updateOrganization.update(req.principal(), orgId, req.body(UpdateOrganization.Changes.class));
            return ApiResponse.ok(OrganizationView.of(s.getOrganization.get(req.principal(), orgId)));
        });
        router.bind(GET_BRANDING, req -> ApiResponse.ok(
                s.getBranding.get(req.principal(), req.pathId("orgId", "organization"))));
        router.bind(UPDATE_BRANDING, req -> ApiResponse.ok(s.updateBranding.update(
                req.principal(), req.pathId("orgId", "organization"), req.body(Branding.class))));
    }
}
