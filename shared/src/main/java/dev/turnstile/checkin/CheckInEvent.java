package dev.turnstile.checkin;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A fact published after the hot table changed: a ticket was admitted (or an admission undone).
 * Consumers — the PostgreSQL recorder and the live dashboard — receive it at least once and apply
 * it once (the scan id is the idempotency key).
 */
public record CheckInEvent(Kind kind, UUID orgId, UUID eventId, UUID ticketId, UUID sessionId, UUID ticketTypeId,
                           UUID byUserId, Instant at, String gate, String device, String scanId,
                           CheckInRecord.Method method) {

    public enum Kind { CHECKED_IN, UNDONE }

    public CheckInEvent {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(orgId);
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(ticketId);
        Objects.requireNonNull(at);
        Objects.requireNonNull(scanId);
        Objects.requireNonNull(method);
        gate = gate == null ? "" : gate;
        device = device == null ? "" : device;
    }

    public static CheckInEvent of(Kind kind, DoorTicket ticket, Scope scope, CheckInRecord record) {
        return new CheckInEvent(kind, ticket.orgId(), ticket.eventId(), ticket.ticketId(), scope.sessionId(),
                ticket.ticketTypeId(), record.byUserId(), record.at(), record.gate(), record.device(), record.scanId(),
                record.method());
    }
}
