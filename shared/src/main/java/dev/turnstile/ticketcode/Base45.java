package dev.turnstile.ticketcode;

import java.io.ByteArrayOutputStream;

/**
 * RFC 9285 Base45: bytes as QR-alphanumeric characters, so that a QR code can use its dense
 * alphanumeric mode (5.5 bits a character) instead of byte mode (8).
 */
public final class Base45 {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private Base45() {
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length + 1) / 2 * 3);
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            int n = (bytes[i] & 0xff) * 256 + (bytes[i + 1] & 0xff);
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (bytes.length % 2 == 1) {
            int n = bytes[bytes.length - 1] & 0xff;
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException if the text is not Base45 */
    public static byte[] decode(String text) {
        if (text.length() % 3 == 1) {
            throw new IllegalArgumentException("Base45 text cannot have length " + text.length());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 3 * 2 + 1);
        for (int i = 0; i < text.length(); i += 3) {
            if (i + 2 < text.length()) {
                int n = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45 + value(text.charAt(i + 2)) * 2025;
                if (n > 0xffff) {
                    throw new IllegalArgumentException("Base45 triple out of range");
                }
                out.write(n >> 8);
                out.write(n & 0xff);
            } else {
                int n = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45;
                if (n > 0xff) {
                    throw new IllegalArgumentException("Base45 pair out of range");
                }
                out.write(n);
            }
        }
        return out.toByteArray();
    }

    private static int value(char c) {
        int v = ALPHABET.indexOf(c);
        if (v < 0) {
            throw new IllegalArgumentException("Not a Base45 character: " + c);
        }
        return v;
    }
}
