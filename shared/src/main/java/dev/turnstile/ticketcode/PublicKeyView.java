package dev.turnstile.ticketcode;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** The public half of a signing key, as scanners need it to verify codes offline. */
public record PublicKeyView(UUID eventId, int keyId, String algorithm, String publicKey, Instant createdAt,
                            Instant retiredAt) {

    public static PublicKeyView of(SigningKey key) {
        return new PublicKeyView(key.eventId(), key.keyId(), "Ed25519",
                Base64.getEncoder().encodeToString(key.publicKey()), key.createdAt(), key.retiredAt());
    }
}
