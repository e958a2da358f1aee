package dev.turnstile.checkin;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The system of record's side of the door (PostgreSQL): what the hot table is filled from and the
 * facts a scan needs about events, sessions and keys. Runs inside the caller's transaction, in the
 * organization's context, so row-level security keeps every answer inside the organization.
 */
public interface TicketSource {

    /** The ticket's door data, as PostgreSQL has it now. */
    Optional<DoorTicket> ticket(UUID ticketId);

    /** The door data of every ticket of a registration. */
    List<DoorTicket> ofRegistration(UUID registrationId);

    /** Tickets of the event whose attendee name, e-mail or confirmation number contains the text. */
    List<DoorTicket> search(UUID eventId, String text, int limit);

    /** Every ticket of the event that can still be admitted (issued), for an offline scanner. */
    List<DoorTicket> issued(UUID eventId);

    /** Tickets of the event that no longer admit anyone (cancelled, refunded, or with a superseded code). */
    List<Revoked> revoked(UUID eventId);

    Optional<EventFacts> event(UUID eventId);

    Optional<SessionFacts> session(UUID eventId, UUID sessionId);

    /** The event's verification keys by key id, active and retired. */
    List<VerificationKey> keys(UUID eventId);

    /** Expected attendance: issued tickets per ticket type. */
    List<Expected> expected(UUID eventId);

    record EventFacts(UUID eventId, UUID orgId, String title, Instant startsAt, Instant endsAt, boolean usable) {
    }

    record SessionFacts(UUID sessionId, UUID eventId, String title, Integer capacity, boolean cancelled) {
    }

    record VerificationKey(int keyId, PublicKey key, byte[] encoded, boolean active) {
    }

    record Revoked(UUID ticketId, int codeVersion, DoorTicket.Status status) {
    }

    record Expected(UUID ticketTypeId, String ticketTypeName, long tickets) {
    }
}
