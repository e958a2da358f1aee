package dev.turnstile.registration;

import java.security.SecureRandom;

/**
 * Unguessable ticket codes: 20 characters of Crockford base32 (100 bits). The check-in issue
 * replaces what the QR carries with a signed token; this code stays the ticket's unique handle.
 */
final class TicketCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketCodes() {
    }

    static String next() {
        char[] code = new char[20];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }
}
