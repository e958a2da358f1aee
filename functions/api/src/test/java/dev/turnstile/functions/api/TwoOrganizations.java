package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.CREATE_SESSION;
import static dev.turnstile.catalogue.ApiRoutes.REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.identity.Principal;
import java.time.Duration;
import java.time.Instant;

/**
 * The GraphQL tests' world, made through the REST API: organization A (its owner) with a published
 * paid event, a session and one attendee's registration; organization B (an outsider's) with an
 * event of its own.
 */
record TwoOrganizations(String orgA, String eventA, String ticketTypeA, String registrationA, String orgB, String eventB) {

    static TwoOrganizations create(Principal owner, Principal attendee, Principal outsider) {
        String orgA = ApiTestSupport.createOrg(owner);
        String[] published = ApiTestSupport.publishedEvent(owner, orgA, 2500, 40);
        Instant sessionStarts = Instant.now().plus(Duration.ofDays(30)).plusSeconds(3600);
        ApiTestSupport.Response session = ApiTestSupport.call(ApiTestSupport.as(owner, CREATE_SESSION)
                .path("orgId", orgA).path("eventId", published[0]).json("""
                        {"title": "Keynote", "startsAt": "%s", "endsAt": "%s"}""".formatted(
                        sessionStarts, sessionStarts.plusSeconds(3600))));
        assertThat(session.status()).isEqualTo(201);
        ApiTestSupport.Response registered = ApiTestSupport.call(ApiTestSupport.as(attendee, REGISTER)
                .path("eventId", published[0]).json(ApiTestSupport.oneTicket(published[1], "Ari")));
        assertThat(registered.status()).isEqualTo(201);
        String orgB = ApiTestSupport.createOrg(outsider);
        return new TwoOrganizations(orgA, published[0], published[1], registered.body().get("id").asText(), orgB,
                ApiTestSupport.createEvent(outsider, orgB));
    }
}
