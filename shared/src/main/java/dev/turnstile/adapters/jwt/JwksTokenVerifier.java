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
 * the claims we rely on are required. Keys are fetched once and cached, and re-fetched when a token
 * names a key id we do not know (key rotation).
 */
public final class JwksTokenVerifier implements TokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor;

    public JwksTokenVerifier(JWKSource<SecurityContext> keys, String issuer) {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "email")));
    }

    public static JwksTokenVerifier forJwksUrl(String jwksUrl, String issuer) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL())
                    .retrying(true)
                    .build();
            return new JwksTokenVerifier(keys, issuer);
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
            UUID subject = UUID.fromString(claims.getSubject());
            String email = claims.getStringClaim("email");
            String name = claims.getStringClaim("name");
            return new Principal(subject, email, name);
        } catch (IllegalArgumentException | ParseException e) {
            throw new Unauthenticated("The bearer token's subject or e-mail claim is malformed");
        }
    }
}
