package dev.turnstile.ticketcode;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs ticket codes with the event's active key, creating the event's first key when it issues
 * its first ticket. Opened private keys are cached per (event, key id): sealing protects them at
 * rest, not in the memory of the process that signs.
 */
public final class TicketSigner {

    private final SigningKeyRepository keys;
    private final KeySealer sealer;
    private final Clock clock;
    private final Map<String, PrivateKey> opened = new ConcurrentHashMap<>();

    /** One per process: it holds the cache of opened keys. */
    public static TicketSigner of(SigningKeyRepository keys, KeySealer sealer, Clock clock) {
        return new TicketSigner(keys, sealer, clock);
    }

    private TicketSigner(SigningKeyRepository keys, KeySealer sealer, Clock clock) {
        this.keys = keys;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** The signed code of a ticket; runs inside the caller's transaction, in the event's organization. */
    public String codeFor(UUID orgId, UUID eventId, UUID ticketId, int codeVersion) {
        SigningKey key = keys.active(eventId).orElseGet(() -> {
            create(orgId, eventId, 1); // loses harmlessly to a concurrent first issuer
            return keys.active(eventId).orElseThrow();
        });
        return new TicketCode(key.keyId(), eventId, ticketId, codeVersion).sign(privateKey(key));
    }

    /** Retires the active key and creates the next one; codes signed by the old key still verify. */
    public SigningKey rotate(UUID orgId, UUID eventId) {
        int next = keys.lockActive(eventId).map(k -> {
            keys.retire(eventId, k.keyId(), clock.instant());
            return k.keyId() + 1;
        }).orElse(1);
        return create(orgId, eventId, next);
    }

    private SigningKey create(UUID orgId, UUID eventId, int keyId) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            SigningKey key = new SigningKey(eventId, keyId, pair.getPublic().getEncoded(), sealer.seal(pkcs8),
                    clock.instant(), null);
            Arrays.fill(pkcs8, (byte) 0);
            keys.insertIfNoneActive(orgId, key);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private PrivateKey privateKey(SigningKey key) {
        return opened.computeIfAbsent(key.eventId() + "/" + key.keyId(), k -> {
            byte[] pkcs8 = sealer.open(key.sealedPrivateKey());
            try {
                return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("A stored signing key does not open", e);
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        });
    }
}
