package dev.turnstile.adapters.crypto;

import dev.turnstile.ticketcode.KeySealer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit random nonce per seal: {@code nonce || ciphertext || tag}. The key
 * comes from configuration (Secrets Manager in AWS), never from the database it protects.
 */
public final class AesGcmKeySealer implements KeySealer {

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private AesGcmKeySealer(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The sealing key must be 32 bytes (256 bits), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** From a base64 secret of 32 bytes (TURNSTILE_KEY_SEALING_SECRET). */
    public static AesGcmKeySealer fromBase64(String secret) {
        try {
            return new AesGcmKeySealer(Base64.getDecoder().decode(secret.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TURNSTILE_KEY_SEALING_SECRET must be 32 bytes in base64", e);
        }
    }

    /**
     * From a configured secret: 32 bytes in base64 as they are, or a random text of at least 32
     * characters (what Secrets Manager generates) hashed to 32 bytes with SHA-256.
     */
    public static AesGcmKeySealer fromSecret(String secret) {
        String text = secret.strip();
        try {
            byte[] raw = Base64.getDecoder().decode(text);
            if (raw.length == 32) {
                return new AesGcmKeySealer(raw);
            }
        } catch (IllegalArgumentException notBase64) {
            // a generated text, below
        }
        if (text.length() < 32) {
            throw new IllegalArgumentException("The key sealing secret must be 32 bytes in base64 or 32+ random characters");
        }
        return forDevelopment(text);
    }

    /** A key derived from a passphrase; for the local runtime and tests only, never for production data. */
    public static AesGcmKeySealer forDevelopment(String passphrase) {
        try {
            return new AesGcmKeySealer(MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] seal(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
    }

    @Override
    public byte[] open(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            return cipher.doFinal(Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed key does not open with this sealing key", e);
        }
    }
}
