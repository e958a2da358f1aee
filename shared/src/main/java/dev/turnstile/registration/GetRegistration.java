package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** One registration of an event with its tickets and answers (staff and above). */
public final class GetRegistration {

    private final OrgAccess access;
    private final RegistrationRepository registrations;

    public GetRegistration(OrgAccess access, RegistrationRepository registrations) {
        this.access = access;
        this.registrations = registrations;
    }

    public Registration get(Principal caller, UUID orgId, UUID eventId, UUID registrationId) {
        return access.read(caller, orgId, Role.STAFF, () -> registrations.find(registrationId)
                .filter(r -> r.eventId().equals(eventId))
                .orElseThrow(() -> new NotFound("registration", registrationId)));
    }
}
