package dev.turnstile.registration;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticketcode.TicketSigner;
import java.util.Map;
import java.util.UUID;

/**
 * Gives an issued ticket a new code (admins and owners), e.g. when a screenshot of it was shared:
 * the code version goes up, so the old code no longer matches and is refused at the door.
 */
public final class ReissueTicket {

    private final OrgAccess access;
    private final RegistrationRepository registrations;
    private final TicketSigner signer;
    private final Outbox outbox;

    public ReissueTicket(OrgAccess access, RegistrationRepository registrations, TicketSigner signer, Outbox outbox) {
        this.access = access;
        this.registrations = registrations;
        this.signer = signer;
        this.outbox = outbox;
    }

    public Registration reissue(Principal caller, UUID orgId, UUID eventId, UUID registrationId, UUID ticketId) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Registration r = registrations.lock(registrationId).filter(x -> x.eventId().equals(eventId))
                    .orElseThrow(() -> new NotFound("registration", registrationId));
            Ticket t = r.tickets().stream().filter(x -> x.id().equals(ticketId)).findFirst()
                    .orElseThrow(() -> new NotFound("ticket", ticketId));
            if (t.status() != TicketStatus.ISSUED) {
                throw new Conflict("ticket_not_issued", "Only an issued ticket can be reissued");
            }
            int version = t.codeVersion() + 1;
            registrations.reissue(ticketId, version, signer.codeFor(orgId, eventId, ticketId, version));
            outbox.publish(orgId, "ticket.reissued", Map.of("registrationId", registrationId, "ticketId", ticketId,
                    "codeVersion", version));
            return registrations.find(registrationId).orElseThrow();
        });
    }
}
