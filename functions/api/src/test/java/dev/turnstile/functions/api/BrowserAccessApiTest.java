package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.GRAPHQL;
import static dev.turnstile.catalogue.ApiRoutes.LIST_MY_ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.catalogue.BrowserAccess;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import org.junit.jupiter.api.Test;

/**
 * CORS as the functions answer it (API Gateway answers the preflight in AWS, the local runtime's
 * gateway locally): with the admin UI's origin configured, every answer, refusals included, names
 * exactly that origin; without one, none does.
 */
class BrowserAccessApiTest extends ApiTestSupport {

    static final String ADMIN = "https://admin.example.org";

    @Test
    void givenTheAdminOrigin_thenEveryAnswerNamesItAndNoOther() {
        Services fromTheUi = new Services(db.app(), tokens.verifier(), door.ports(), clock);
        fromTheUi.allowBrowserOrigin(ADMIN);
        Principal user = TestTokens.newUser("Cora");
        var organizations = new OrganizationsFunction(fromTheUi);
        var graphql = new GraphqlFunction(fromTheUi);

        Response ok = send(organizations, as(user, LIST_MY_ORGANIZATIONS));
        Response refused = send(organizations, ApiCall.to(LIST_MY_ORGANIZATIONS));
        Response query = send(graphql, as(user, GRAPHQL).json("{\"query\": \"{ myRegistrations { id } }\"}"));

        for (Response r : new Response[] {ok, refused, query}) {
            assertThat(r.header("Access-Control-Allow-Origin")).as(r.toString()).isEqualTo(ADMIN);
            assertThat(r.header("Access-Control-Expose-Headers")).isEqualTo("Location, Retry-After");
            assertThat(r.header("Vary")).isEqualTo("Origin");
        }
        assertThat(ok.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(query.status()).isEqualTo(200);
    }

    @Test
    void givenNoOrigin_thenNoAnswerInvitesABrowserFromElsewhere() {
        Response r = call(as(TestTokens.newUser("Sam"), LIST_MY_ORGANIZATIONS));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void anOriginIsHttpsWithoutAPath_orHttpOnLocalhost_neverAWildcard() {
        assertThat(BrowserAccess.origin("HTTPS://Admin.Example.org")).isEqualTo("https://admin.example.org");
        assertThat(BrowserAccess.origin("https://d1234.cloudfront.net:443")).isEqualTo("https://d1234.cloudfront.net:443");
        assertThat(BrowserAccess.origin("http://localhost:5173")).isEqualTo("http://localhost:5173");
        for (String bad : new String[] {"*", "null", "", "http://admin.example.org", "https://admin.example.org/",
                "https://admin.example.org/app", "https://admin.example.org?x=1", "admin.example.org"}) {
            assertThatThrownBy(() -> BrowserAccess.origin(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
