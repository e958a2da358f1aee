package dev.turnstile.ticketcode;

import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/**
 * Starts signing an event's new tickets with a fresh key (admins and owners), e.g. after a device
 * holding exported keys was lost. Codes already issued keep verifying with the retired key; reissue
 * a ticket to move it to the new key.
 */
public final class RotateSigningKey {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketSigner signer;

    public RotateSigningKey(OrgAccess access, EventRepository events, TicketSigner signer) {
        this.access = access;
        this.events = events;
        this.signer = signer;
    }

    public PublicKeyView rotate(Principal caller, UUID orgId, UUID eventId) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            return PublicKeyView.of(signer.rotate(orgId, eventId));
        });
    }
}
