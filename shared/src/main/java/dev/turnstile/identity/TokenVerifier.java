package dev.turnstile.identity;

import dev.turnstile.common.Unauthenticated;

/** Turns a bearer token into the caller it proves, or refuses it. */
public interface TokenVerifier {

    /** @throws Unauthenticated if the token is malformed, expired, or not signed by our issuer */
    Principal verify(String bearerToken);
}
