package dev.turnstile.ticketcode;

/** Seals private keys before they are stored, so that a copy of the database reveals none. */
public interface KeySealer {

    byte[] seal(byte[] plaintext);

    byte[] open(byte[] sealed);
}
