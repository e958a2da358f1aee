package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

public final class GetRegistrationSettings {

    private final OrgAccess access;
    private final RegistrationSettingsRepository settings;

    public GetRegistrationSettings(OrgAccess access, RegistrationSettingsRepository settings) {
        this.access = access;
        this.settings = settings;
    }

    public RegistrationSettings get(Principal caller, UUID orgId, UUID eventId) {
        return access.read(caller, orgId, Role.STAFF,
                () -> settings.find(eventId).orElseThrow(() -> new NotFound("event", eventId)));
    }
}
