package dev.turnstile.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.turnstile.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The local stand-in for Cognito: an RS256 key pair made at start, its public half served as a
 * JWKS, and tokens minted on request for any e-mail address. The user id is derived from the
 * e-mail, so the same address is the same user across restarts. Local use only: nothing in the
 * Lambda artifacts can mint tokens.
 */
final class DevIssuer {

    static final Duration LIFETIME = Duration.ofHours(12);

    private final RSAKey key;
    private final String issuer;

    DevIssuer(String issuer) {
        this.issuer = issuer;
        try {
            key = new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return issuer;
    }

    String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    static Principal userFor(String email, String name) {
        UUID id = UUID.nameUUIDFromBytes(("turnstile-dev:" + email.toLowerCase(java.util.Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
        return new Principal(id, email, name);
    }

    String mint(Principal p) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(p.userId().toString())
                .claim("email", p.email())
                .claim("email_verified", true)
                .claim("name", p.name())
                .claim("token_use", "id")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
