package dev.turnstile.adapters.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.turnstile.common.Unauthenticated;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.TokenVerifier;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies RS256 JWTs against the issuer's JSON Web Key Set: Cognito's in AWS, the local runtime's
 * dev issuer locally. Only RS256 is accepted (no "none", no HMAC confusion); issuer, expiry and
 * the claims we rely on are required, and the audience (the app client id) when one is configured.
 * Identity tokens only: a Cognito access token (token_use "access") carries no e-mail and is
 * refused. Keys are fetched once and cached, and re-fetched when a token names a key id we do not
 * know (key rotation).
 *
 * <p>A token that verified is remembered until its own expiry (at most {@link #REMEMBERED}
 * tokens): a door scanner sends the same token with every scan, and RS256 verification was a tenth
 * of a scan's CPU. Only exact token strings that passed every check are remembered; a token whose
 * key is withdrawn from the key set stays accepted until it expires, as API Gateway's authorizer
 * cache would keep it.
 */
public final class JwksTokenVerifier implements TokenVerifier {

    static final int REMEMBERED = 10_000;

    private record Verified(Principal principal, long expiresAtMillis) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    public JwksTokenVerifier(JWKSource<SecurityContext> keys, String issuer) {
        this(keys, issuer, null);
    }

    /** @param audience the expected {@code aud} (Cognito app client id), or null to accept any */
    public JwksTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience) {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "email")));
    }

    public static JwksTokenVerifier forJwksUrl(String jwksUrl, String issuer) {
        return forJwksUrl(jwksUrl, issuer, null);
    }

    public static JwksTokenVerifier forJwksUrl(String jwksUrl, String issuer, String audience) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL())
                    .retrying(true)
                    .build();
            return new JwksTokenVerifier(keys, issuer, audience);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TURNSTILE_JWKS_URL is not a URL: " + jwksUrl, e);
        }
    }

    @Override
    public Principal verify(String bearerToken) {
        long now = System.currentTimeMillis();
        Verified known = verified.get(bearerToken);
        if (known != null) {
            if (now < known.expiresAtMillis()) {
                return known.principal();
            }
            verified.remove(bearerToken, known);
        }
        JWTClaimsSet claims = claims(bearerToken);
        Principal principal = principal(claims);
        if (verified.size() >= REMEMBERED) {
            verified.values().removeIf(v -> v.expiresAtMillis() <= now);
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(bearerToken, new Verified(principal, claims.getExpirationTime().getTime()));
        return principal;
    }

    private JWTClaimsSet claims(String bearerToken) {
        try {
            return processor.process(bearerToken, null);
        } catch (ParseException e) {
            throw new Unauthenticated("The bearer token is not a JWT");
        } catch (BadJOSEException e) {
            throw new Unauthenticated("The bearer token is invalid or expired");
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new Unauthenticated("The bearer token could not be verified");
        }
    }

    private static Principal principal(JWTClaimsSet claims) {
        try {
            String use = claims.getStringClaim("token_use");
            if (use != null && !use.equals("id")) {
                throw new Unauthenticated("Send the identity token, not the " + use + " token");
            }
            UUID subject = UUID.fromString(claims.getSubject());
            String email = claims.getStringClaim("email");
            String name = claims.getStringClaim("name");
            boolean verified = Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"));
            return new Principal(subject, email, name, verified);
        } catch (IllegalArgumentException | ParseException e) {
            throw new Unauthenticated("The bearer token's subject or e-mail claim is malformed");
        }
    }
}
