package dev.turnstile.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.turnstile.adapters.jwt.JwksTokenVerifier;
import dev.turnstile.identity.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** An in-memory RS256 issuer for tests: mints tokens and verifies them like the real verifier does. */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test/turnstile";

    private final RSAKey key;
    private final RSAKey otherKey;

    public TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public JwksTokenVerifier verifier() {
        return new JwksTokenVerifier(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), ISSUER);
    }

    /** The issuer's public key set, as a JWKS endpoint serves it (for a verifier in another process). */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public static Principal newUser(String label) {
        UUID id = UUID.randomUUID();
        return new Principal(id, label + "-" + id.toString().substring(0, 8) + "@example.com", label);
    }

    public String tokenFor(Principal p) {
        return sign(key, p, ISSUER, Instant.now().plus(Duration.ofHours(1)));
    }

    public String expiredTokenFor(Principal p) {
        return sign(key, p, ISSUER, Instant.now().minus(Duration.ofMinutes(5)));
    }

    public String tokenSignedByAnotherKey(Principal p) {
        return sign(otherKey, p, ISSUER, Instant.now().plus(Duration.ofHours(1)));
    }

    public String tokenFromAnotherIssuer(Principal p) {
        return sign(key, p, "https://evil.test", Instant.now().plus(Duration.ofHours(1)));
    }

    /** What a Cognito access token looks like to us: right issuer and key, wrong use. */
    public String accessTokenFor(Principal p) {
        return sign(key, p, ISSUER, Instant.now().plus(Duration.ofHours(1)), "access");
    }

    private static String sign(RSAKey signingKey, Principal p, String issuer, Instant expiry) {
        return sign(signingKey, p, issuer, expiry, "id");
    }

    private static String sign(RSAKey signingKey, Principal p, String issuer, Instant expiry, String use) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(p.userId().toString())
                    .claim("email", p.email())
                    .claim("email_verified", true)
                    .claim("token_use", use)
                    .claim("name", p.name())
                    .issueTime(Date.from(Instant.now().minusSeconds(1)))
                    .expirationTime(Date.from(expiry))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
