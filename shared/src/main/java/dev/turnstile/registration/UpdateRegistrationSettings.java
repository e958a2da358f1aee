package dev.turnstile.registration;

import static dev.turnstile.common.Patch.or;

import dev.turnstile.common.Check;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.TicketTypeRepository;
import java.util.UUID;

/**
 * Sets an event's registration rules (admins and owners). The event row is locked, so the change
 * waits for registrations in flight; a capacity cannot be set below the seats already taken.
 */
public final class UpdateRegistrationSettings {

    private final OrgAccess access;
    private final EventRepository events;
    private final TicketTypeRepository ticketTypes;
    private final RegistrationSettingsRepository settings;

    public UpdateRegistrationSettings(OrgAccess access, EventRepository events, TicketTypeRepository ticketTypes,
                                      RegistrationSettingsRepository settings) {
        this.access = access;
        this.events = events;
        this.ticketTypes = ticketTypes;
        this.settings = settings;
    }

    public RegistrationSettings update(Principal caller, UUID orgId, UUID eventId, RegistrationSettings.Changes c) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            events.requireEditable(eventId);
            RegistrationSettings current = settings.find(eventId).orElseThrow();
            int taken = ticketTypes.listForEvent(eventId).stream()
                    .mapToInt(t -> t.quantitySold() + t.quantityHeld()).sum();
            RegistrationSettings next = new RegistrationSettings(c.capacity(), taken,
                    or(c.holdMinutes(), current.holdMinutes()), or(c.waitlistOfferMinutes(), current.waitlistOfferMinutes()),
                    or(c.attendeeCancellation(), current.attendeeCancellation()));
            Check check = new Check()
                    .require(next.holdMinutes() >= 1 && next.holdMinutes() <= 1440, "holdMinutes", "must be 1 to 1440")
                    .require(next.waitlistOfferMinutes() >= 5 && next.waitlistOfferMinutes() <= 10080,
                            "waitlistOfferMinutes", "must be 5 to 10080");
            if (c.capacity() != null) {
                check.require(c.capacity() >= 1 && c.capacity() <= 10_000_000, "capacity", "must be 1 to 10000000");
                check.require(c.capacity() >= taken, "capacity", "must be at least " + taken + ", the seats already taken");
            }
            check.orThrow();
            settings.update(eventId, next);
            return settings.find(eventId).orElseThrow();
        });
    }
}
