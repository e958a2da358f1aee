package dev.turnstile.organization;

import dev.turnstile.common.Check;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Replaces an organization's branding as a whole (admins and owners). */
public final class UpdateBranding {

    private static final Pattern HEX_COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    private final OrgAccess access;
    private final OrganizationRepository organizations;

    public UpdateBranding(OrgAccess access, OrganizationRepository organizations) {
        this.access = access;
        this.organizations = organizations;
    }

    public Branding update(Principal caller, UUID orgId, Branding branding) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            validate(branding);
            organizations.saveBranding(orgId, branding);
            return organizations.branding(orgId);
        });
    }

    private static void validate(Branding branding) {
        Check check = new Check()
                .optionalUrl(branding.logoUrl(), "logoUrl")
                .jsonObjectSize(branding.colors(), "colors", 20)
                .jsonObjectSize(branding.templates(), "templates", 50)
                .optionalText(branding.termsOfService(), "termsOfService", 100_000)
                .optionalText(branding.privacyPolicy(), "privacyPolicy", 100_000);
        for (Map.Entry<String, Object> color : branding.colors().entrySet()) {
            check.require(color.getValue() instanceof String s && HEX_COLOR.matcher(s).matches(),
                    "colors." + color.getKey(), "must be a hex colour such as #1a2b3c");
        }
        for (Map.Entry<String, Object> template : branding.templates().entrySet()) {
            check.require(template.getValue() instanceof String s && s.length() <= 50_000,
                    "templates." + template.getKey(), "must be a text of at most 50000 characters");
        }
        check.orThrow();
    }
}
