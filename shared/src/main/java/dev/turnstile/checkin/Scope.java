package dev.turnstile.checkin;

import java.util.Optional;
import java.util.UUID;

/**
 * What a check-in admits to: the event as a whole, or one of its sessions. A ticket is checked in
 * at most once per scope.
 */
public record Scope(UUID sessionId) {

    public static final Scope EVENT = new Scope(null);

    public static Scope of(UUID sessionIdOrNull) {
        return sessionIdOrNull == null ? EVENT : new Scope(sessionIdOrNull);
    }

    public Optional<UUID> session() {
        return Optional.ofNullable(sessionId);
    }

    /** The scope's key in the hot table ({@code E}, or {@code S#} and the session id). */
    public String key() {
        return sessionId == null ? "E" : "S#" + sessionId;
    }
}
