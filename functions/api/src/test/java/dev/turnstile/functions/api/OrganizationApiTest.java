package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.identity.Principal;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestTokens;
import org.junit.jupiter.api.Test;

class OrganizationApiTest extends ApiTestSupport {

    final Principal alice = TestTokens.newUser("Alice");

    @Test
    void givenAValidRequest_whenCreatingAnOrganization_thenTheCreatorIsItsOwner() {
        String slug = uniqueSlug("acme");
        Response r = call(as(alice, CREATE_ORGANIZATION).json("""
                {"name": "  Acme Events ", "slug": "%s", "description": "We run meetups"}""".formatted(slug)));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("name").asText()).isEqualTo("Acme Events");
        assertThat(r.body().get("role").asText()).isEqualTo("owner");
        assertThat(r.header("Location")).isEqualTo("/v1/orgs/" + r.body().get("id").asText());

        Response mine = call(as(alice, LIST_MY_ORGANIZATIONS));
        assertThat(mine.body().get("items").findValuesAsText("slug")).containsExactly(slug);
        Response me = call(as(alice, GET_ME));
        assertThat(me.body().get("email").asText()).isEqualTo(alice.email());
        assertThat(me.body().get("organizations").get(0).get("role").asText()).isEqualTo("owner");
    }

    @Test
    void givenATakenSlug_whenCreatingAnOrganization_thenConflictAndNothingIsCreated() {
        String slug = uniqueSlug("taken");
        call(as(alice, CREATE_ORGANIZATION).json("{\"name\": \"First\", \"slug\": \"" + slug + "\"}"));
        Principal bob = TestTokens.newUser("Bob");

        Response r = call(as(bob, CREATE_ORGANIZATION).json("{\"name\": \"Second\", \"slug\": \"" + slug + "\"}"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("slug_taken");
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(call(as(bob, LIST_MY_ORGANIZATIONS)).body().get("items")).isEmpty();
    }

    @Test
    void givenInvalidFields_whenCreatingAnOrganization_thenEveryBrokenRuleIsListed() {
        Response r = call(as(alice, CREATE_ORGANIZATION).json("{\"name\": \"\", \"slug\": \"Not A Slug\"}"));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation_failed");
        assertThat(r.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "slug");
    }

    @Test
    void givenMalformedJsonOrUnknownFields_whenCreatingAnOrganization_thenBadRequest() {
        Response malformed = call(as(alice, CREATE_ORGANIZATION).json("{\"name\": "));
        Response unknown = call(as(alice, CREATE_ORGANIZATION).json("{\"name\": \"X\", \"slug\": \"x-1\", \"owner\": \"me\"}"));
        Response wrongType = call(as(alice, CREATE_ORGANIZATION).json("{\"name\": 42, \"slug\": [1]}"));
        Response notJson = call(as(alice, CREATE_ORGANIZATION).json("{}").header("Content-Type", "text/plain"));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").get(0).get("field").asText()).isEqualTo("owner");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(call(as(alice, LIST_MY_ORGANIZATIONS)).body().get("items")).isEmpty();
    }

    @Test
    void givenNoValidToken_whenCallingAnyAuthenticatedRoute_thenUnauthorized() {
        Response none = call(ApiCall.to(LIST_MY_ORGANIZATIONS));
        Response garbage = call(ApiCall.to(LIST_MY_ORGANIZATIONS).token("not-a-jwt"));
        Response expired = call(ApiCall.to(LIST_MY_ORGANIZATIONS).token(tokens.expiredTokenFor(alice)));
        Response forged = call(ApiCall.to(LIST_MY_ORGANIZATIONS).token(tokens.tokenSignedByAnotherKey(alice)));
        Response foreign = call(ApiCall.to(LIST_MY_ORGANIZATIONS).token(tokens.tokenFromAnotherIssuer(alice)));
        Response access = call(ApiCall.to(LIST_MY_ORGANIZATIONS).token(tokens.accessTokenFor(alice)));

        for (Response r : new Response[] {none, garbage, expired, forged, foreign, access}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("unauthenticated");
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void givenNullsInsideFreeFormObjects_thenTheyAreKept_notAServerError() {
        String orgId = createOrg(alice);
        Response r = call(as(alice, UPDATE_ORGANIZATION).path("orgId", orgId)
                .json("{\"settings\": {\"locale\": \"de\", \"legacyId\": null}}"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("settings").has("legacyId")).isTrue();
        assertThat(r.body().get("settings").get("legacyId").isNull()).isTrue();
    }

    @Test
    void givenANonMember_whenSendingAnInvalidBody_thenNotFoundBeforeAnyValidation() {
        String orgId = createOrg(alice);
        Principal mallory = TestTokens.newUser("Mallory");
        Response r = call(as(mallory, UPDATE_BRANDING).path("orgId", orgId).json("{\"logoUrl\": \"nope\"}"));
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void givenAnAdmin_whenUpdatingTheOrganization_thenOnlyTheGivenFieldsChange() {
        String orgId = createOrg(alice);

        Response r = call(as(alice, UPDATE_ORGANIZATION).path("orgId", orgId).json("{\"description\": \"New text\"}"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("description").asText()).isEqualTo("New text");
        assertThat(r.body().get("name").asText()).isEqualTo("Org of Alice");
    }

    @Test
    void givenBranding_whenPutAndRead_thenItRoundTrips_andBadColoursChangeNothing() {
        String orgId = createOrg(alice);
        Response put = call(as(alice, UPDATE_BRANDING).path("orgId", orgId).json("""
                {"logoUrl": "https://cdn.example.com/logo.png", "colors": {"primary": "#112233"},
                 "templates": {"confirmationEmail": "Hi {{name}}"}, "termsOfService": "Be nice",
                 "privacyPolicy": "We keep little"}"""));
        assertThat(put.status()).isEqualTo(200);

        Response bad = call(as(alice, UPDATE_BRANDING).path("orgId", orgId).json("""
                {"logoUrl": "javascript:alert(1)", "colors": {"primary": "red"}}"""));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("logoUrl", "colors.primary");

        Response read = call(as(alice, GET_BRANDING).path("orgId", orgId));
        assertThat(read.body().get("colors").get("primary").asText()).isEqualTo("#112233");
        assertThat(read.body().get("logoUrl").asText()).isEqualTo("https://cdn.example.com/logo.png");
        assertThat(read.body().get("termsOfService").asText()).isEqualTo("Be nice");
    }

    @Test
    void givenStaffMember_whenUpdatingTheOrganization_thenForbidden_butReadingWorks() {
        String orgId = createOrg(alice);
        Principal staff = TestTokens.newUser("Sam");
        addMember(orgId, staff, "staff");

        assertThat(call(as(staff, GET_ORGANIZATION).path("orgId", orgId)).body().get("role").asText()).isEqualTo("staff");
        Response r = call(as(staff, UPDATE_ORGANIZATION).path("orgId", orgId).json("{\"name\": \"Mine now\"}"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(call(as(alice, GET_ORGANIZATION).path("orgId", orgId)).body().get("name").asText()).isEqualTo("Org of Alice");
    }

    @Test
    void givenAMalformedOrganizationId_thenNotFound() {
        Response r = call(as(alice, GET_ORGANIZATION).path("orgId", "not-a-uuid"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("organization_not_found");
    }
}
