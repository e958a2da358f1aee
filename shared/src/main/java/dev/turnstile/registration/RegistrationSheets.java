package dev.turnstile.registration;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import java.util.UUID;

/**
 * Finds a registration's printable tickets for the two audiences that may have them: the attendee
 * who owns the registration, and the organizer's staff (and above). One place for both checks, shared
 * by the direct downloads and the presigned links. Anyone else gets "not found".
 */
final class RegistrationSheets {

    /** The registration and what its tickets print. */
    record Found(Registration registration, TicketSheet sheet) {
    }

    private RegistrationSheets() {
    }

    static Found mine(Transactions transactions, RegistrationRepository registrations, Sheets sheets, Principal caller,
                      UUID registrationId) {
        UUID orgId = transactions.read(TenantContext.user(caller.userId()), () -> registrations.find(registrationId))
                .filter(r -> caller.userId().equals(r.userId()))
                .orElseThrow(() -> new NotFound("registration", registrationId))
                .orgId();
        return transactions.read(TenantContext.of(orgId, caller.userId()), () -> {
            Registration r = registrations.find(registrationId).filter(x -> caller.userId().equals(x.userId()))
                    .orElseThrow(() -> new NotFound("registration", registrationId));
            return new Found(r, sheets.of(r));
        });
    }

    static Found organizers(OrgAccess access, RegistrationRepository registrations, Sheets sheets, Principal caller,
                            UUID orgId, UUID eventId, UUID registrationId) {
        return access.read(caller, orgId, Role.STAFF, () -> {
            Registration r = registrations.find(registrationId).filter(x -> x.eventId().equals(eventId))
                    .orElseThrow(() -> new NotFound("registration", registrationId));
            return new Found(r, sheets.of(r));
        });
    }
}
