package dev.turnstile.adapters.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.common.Unauthenticated;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The verifier remembers tokens that verified: only the exact string, only as the one who holds it. */
class JwksTokenVerifierTest {

    final TestTokens tokens = new TestTokens();
    final JwksTokenVerifier verifier = tokens.verifier();

    @Test
    void givenARememberedToken_thenEachTokenStillNamesItsOwnHolder_andAnAlteredCopyIsRefused() {
        Principal ann = TestTokens.newUser("Ann");
        Principal bob = TestTokens.newUser("Bob");
        String annsToken = tokens.tokenFor(ann);

        Principal first = verifier.verify(annsToken);
        Principal again = verifier.verify(annsToken);
        Principal bobs = verifier.verify(tokens.tokenFor(bob));
        String tampered = annsToken.substring(0, annsToken.length() - 2)
                + (annsToken.endsWith("AA") ? "BB" : "AA");

        assertThat(first.userId()).isEqualTo(ann.userId());
        assertThat(again).isEqualTo(first);
        assertThat(bobs.userId()).isEqualTo(bob.userId());
        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> verifier.verify(tokens.tokenSignedByAnotherKey(ann))).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void givenAnExpiredToken_thenItIsRefusedEveryTime_notRememberedAfterAFirstRefusal() {
        String expired = tokens.expiredTokenFor(TestTokens.newUser("Ann"));

        assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOf(Unauthenticated.class);
    }
}
