package dev.turnstile.ticketcode;

import java.time.Instant;
import java.util.UUID;

/** One of an event's ticket signing keys; the private half stays sealed here. */
public record SigningKey(UUID eventId, int keyId, byte[] publicKey, byte[] sealedPrivateKey, Instant createdAt,
                         Instant retiredAt) {

    public boolean active() {
        return retiredAt == null;
    }
}
