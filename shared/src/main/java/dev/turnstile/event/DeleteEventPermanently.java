package dev.turnstile.event;

import dev.turnstile.common.Conflict;
import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/**
 * Removes an event with its sessions and ticket types for good (admins and owners). Refused once
 * anyone has registered: attendees' registrations and payments are never thrown away.
 */
public final class DeleteEventPermanently {

    private final OrgAccess access;
    private final EventRepository events;

    public DeleteEventPermanently(OrgAccess access, EventRepository events) {
        this.access = access;
        this.events = events;
    }

    public void delete(Principal caller, UUID orgId, UUID eventId) {
        access.write(caller, orgId, Role.ADMIN, () -> {
            events.lock(eventId).orElseThrow(() -> new NotFound("event", eventId));
            if (events.hasRegistrations(eventId)) {
                throw new Conflict("event_has_registrations",
                        "The event has registrations; archive or soft-delete it instead");
            }
            events.delete(eventId);
            return null;
        });
    }
}
