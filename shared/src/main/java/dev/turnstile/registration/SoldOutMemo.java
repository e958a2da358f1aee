package dev.turnstile.registration;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process saw sold out a moment ago. In a flash sale the many who come after the last
 * seat would each open a transaction only to read "sold out"; for {@link #TTL_NANOS} after a type
 * was seen with no seat left, they are told so without one. It only ever refuses: every sale is
 * still decided by the conditional write in the database, so it cannot oversell, and a seat freed
 * meanwhile is sold again at most that long after (docs/inventory.md, "Sold-out answers").
 */
public final class SoldOutMemo {

    static final long TTL_NANOS = 250_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private record Seen(String name, long until) {
    }

    private final Map<UUID, Seen> seen = new ConcurrentHashMap<>();

    private SoldOutMemo() {
    }

    /** One per process, shared by whatever sells and whatever gives seats back. */
    public static SoldOutMemo create() {
        return new SoldOutMemo();
    }

    /** Seats of the type came back in this process: it is not sold out any more. */
    void forget(UUID ticketTypeId) {
        seen.remove(ticketTypeId);
    }

    void soldOut(UUID ticketTypeId, String name) {
        if (seen.size() >= MAX_ENTRIES) {
            seen.clear();
        }
        seen.put(ticketTypeId, new Seen(name, System.nanoTime() + TTL_NANOS));
    }

    /** The name of a type seen sold out within the TTL, if it is. */
    Optional<String> recentlySoldOut(UUID ticketTypeId) {
        Seen s = seen.get(ticketTypeId);
        if (s == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - s.until() > 0) {
            seen.remove(ticketTypeId, s);
            return Optional.empty();
        }
        return Optional.of(s.name());
    }
}
