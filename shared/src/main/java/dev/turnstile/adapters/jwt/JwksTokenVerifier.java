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
 */
public final class JwksTokenVerifier implements TokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor;

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
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
        } catch (ParseException e) {
            throw new Unauthenticated("The bearer token is not a JWT");
        } catch (BadJOSEException e) {
            throw new Unauthenticated("The bearer token is invalid or expired");
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new Unauthenticated("The bearer token could not be verified");
        }
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
