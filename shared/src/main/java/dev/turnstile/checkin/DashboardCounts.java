package dev.turnstile.checkin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The live dashboard's view of one event at one moment: who is in, against who is expected.
 * {@code checkedIn}, {@code byTicketType} and {@code byGate} count event-level admissions (people
 * through the door); {@code bySession} counts session admissions. {@code expected} is the issued
 * tickets. Every message carries the whole view, never a change, so a client needs no state and a
 * lost or reordered message is healed by the next one (docs/check-in.md, "Live dashboard").
 */
public record DashboardCounts(UUID eventId, Instant at, long checkedIn, long expected, List<TicketTypeCount> byTicketType,
                              List<SessionCount> bySession, List<GateCount> byGate) {

    public DashboardCounts {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(at);
        byTicketType = List.copyOf(byTicketType);
        bySession = List.copyOf(bySession);
        byGate = List.copyOf(byGate);
    }

    public record TicketTypeCount(UUID ticketTypeId, String name, long checkedIn, long expected) {
    }

    public record SessionCount(UUID sessionId, long checkedIn) {
    }

    public record GateCount(String gate, long checkedIn) {
    }
}
