package dev.turnstile.ticketcode;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * What a ticket's QR code carries, verifiable offline with the event's public key. Format 1
 * (docs/ticket-codes.md):
 * <pre>
 *   byte 0       format (1)
 *   bytes 1-2    key id (the event's signing key that signed it)
 *   bytes 3-18   event id
 *   bytes 19-34  ticket id
 *   bytes 35-36  code version (reissuing a ticket increments it; older codes stop working)
 *   bytes 37-100 Ed25519 signature over bytes 0-36
 * </pre>
 * 101 bytes, Base45-encoded to 152 characters: a version 7 QR code at error correction M.
 */
public record TicketCode(int keyId, UUID eventId, UUID ticketId, int codeVersion) {

    static final int FORMAT = 1;
    static final int SIGNED_LENGTH = 37;
    static final int LENGTH = SIGNED_LENGTH + 64;

    public TicketCode {
        if (keyId < 0 || keyId > 0xffff || codeVersion < 1 || codeVersion > 0xffff) {
            throw new IllegalArgumentException("Key id and code version must fit in 16 bits");
        }
    }

    /** The signed, encoded code. */
    public String sign(PrivateKey key) {
        byte[] body = body();
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(body);
            byte[] signature = ed25519.sign();
            return Base45.encode(ByteBuffer.allocate(LENGTH).put(body).put(signature).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** A scanned text as a code, by its structure alone; empty if it is not one. Verify before trusting it. */
    public static Optional<Signed> parse(String text) {
        if (text == null || text.length() != LENGTH / 2 * 3 + 2) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base45.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != LENGTH || bytes[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.get();
        int keyId = Short.toUnsignedInt(b.getShort());
        UUID event = new UUID(b.getLong(), b.getLong());
        UUID ticket = new UUID(b.getLong(), b.getLong());
        int version = Short.toUnsignedInt(b.getShort());
        if (version == 0) {
            return Optional.empty();
        }
        return Optional.of(new Signed(new TicketCode(keyId, event, ticket, version),
                Arrays.copyOfRange(bytes, 0, SIGNED_LENGTH), Arrays.copyOfRange(bytes, SIGNED_LENGTH, LENGTH)));
    }

    /** A parsed code with what was signed and the signature. */
    public record Signed(TicketCode code, byte[] body, byte[] signature) {

        public boolean verifiedBy(PublicKey key) {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(key);
                ed25519.update(body);
                return ed25519.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        public boolean verifiedBy(Verifier verifier) {
            return verifier.verify(body, signature);
        }
    }

    /**
     * Verifies codes with one public key, many times, with Bouncy Castle's RFC 8032 implementation:
     * the key's curve point is decoded once, here, and a verification took about a fifth of the
     * JDK's time (its generic field arithmetic was a quarter of a scan's CPU; docs/benchmarks.md).
     * Immutable, so one serves every thread.
     */
    public static final class Verifier {

        /** An Ed25519 SubjectPublicKeyInfo: this fixed prefix, then the 32-byte key. */
        private static final byte[] X509_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");

        private final PublicKey key;
        private final org.bouncycastle.crypto.params.Ed25519PublicKeyParameters point;

        public Verifier(PublicKey key) {
            this.key = key;
            byte[] encoded = key.getEncoded();
            if (encoded == null || encoded.length != X509_PREFIX.length + 32
                    || !Arrays.equals(Arrays.copyOf(encoded, X509_PREFIX.length), X509_PREFIX)) {
                throw new IllegalArgumentException("Not an Ed25519 public key in X.509 form");
            }
            this.point = new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(encoded, X509_PREFIX.length);
        }

        public PublicKey key() {
            return key;
        }

        boolean verify(byte[] body, byte[] signature) {
            try {
                return point.verify(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, body, 0, body.length,
                        signature, 0);
            } catch (RuntimeException malformed) {
                return false;
            }
        }
    }

    private byte[] body() {
        return ByteBuffer.allocate(SIGNED_LENGTH)
                .put((byte) FORMAT)
                .putShort((short) keyId)
                .putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits())
                .putLong(ticketId.getMostSignificantBits()).putLong(ticketId.getLeastSignificantBits())
                .putShort((short) codeVersion)
                .array();
    }
}
