package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromoCodeApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Pat");
    final Principal ann = TestTokens.newUser("Ann");
    String orgId;
    String eventId;
    String general;

    @BeforeEach
    void anEvent() {
        orgId = createOrg(owner);
        eventId = createEvent(owner, orgId);
        general = createTicketType(owner, orgId, eventId, "General", 999, 100);
        call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId));
    }

    @Test
    void givenAPercentageCode_thenEachTicketsDiscountIsRoundedHalfUp_andTheTotalIsExact() {
        promo("{\"code\": \"spring15\", \"kind\": \"percent\", \"percentOff\": 15}");

        Response r = call(as(ann, REGISTER).path("eventId", eventId).json("""
                {"promoCode": "Spring15", "tickets": [{"ticketTypeId": "%1$s", "attendeeName": "A"},
                  {"ticketTypeId": "%1$s", "attendeeName": "B"}]}""".formatted(general)));

        // 15 % of 999 is 149.85: 150 off each ticket
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("subtotalMinor").asLong()).isEqualTo(1998);
        assertThat(r.body().get("discountMinor").asLong()).isEqualTo(300);
        assertThat(r.body().get("totalMinor").asLong()).isEqualTo(1698);
        assertThat(r.body().get("tickets").findValuesAsText("discountMinor")).containsOnly("150");
    }

    @Test
    void givenAFixedCodeWorthMoreThanTheTicket_thenTheTicketIsFree_notNegative_andTheRegistrationConfirmed() {
        promo("{\"code\": \"COMP\", \"kind\": \"fixed\", \"amountOffMinor\": 5000}");

        Response r = call(as(ann, REGISTER).path("eventId", eventId).json(
                "{\"promoCode\": \"comp\", \"tickets\": [{\"ticketTypeId\": \"" + general + "\", \"attendeeName\": \"A\"}]}"));

        assertThat(r.body().get("totalMinor").asLong()).isZero();
        assertThat(r.body().get("discountMinor").asLong()).isEqualTo(999);
        assertThat(r.body().get("status").asText()).isEqualTo("confirmed");
    }

    @Test
    void givenAHiddenTicketType_thenOnlyACodeNamingItUnlocksIt() {
        Response hidden = call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json(
                "{\"name\": \"Speaker pass\", \"priceMinor\": 0, \"currency\": \"EUR\", \"capacity\": 5, \"hidden\": true}"));
        String speakerPass = hidden.body().get("id").asText();
        promo("{\"code\": \"SPEAKER\", \"kind\": \"percent\", \"percentOff\": 100, \"ticketTypeIds\": [\"" + speakerPass + "\"]}");

        Response without = call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(speakerPass, "A")));
        Response with = call(as(ann, REGISTER).path("eventId", eventId).json(
                "{\"promoCode\": \"SPEAKER\", \"tickets\": [{\"ticketTypeId\": \"" + speakerPass + "\", \"attendeeName\": \"A\"}]}"));

        assertThat(without.status()).isEqualTo(422);
        assertThat(with.status()).isEqualTo(201);
    }

    @Test
    void givenInvalidCodes_thenClearRefusals() {
        promo("{\"code\": \"VIPONLY\", \"kind\": \"percent\", \"percentOff\": 10, \"ticketTypeIds\": [\""
                + createTicketType(owner, orgId, eventId, "VIP", 5000, 5) + "\"]}");
        promo("{\"code\": \"OLD\", \"kind\": \"percent\", \"percentOff\": 10, \"validUntil\": \"2020-01-01T00:00:00Z\"}");

        Response unknown = register("NOPE");
        Response wrongType = register("VIPONLY");
        Response expired = register("OLD");

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("errors").get(0).get("field").asText()).isEqualTo("promoCode");
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(expired.status()).isEqualTo(422);
        assertThat(call(as(ann, LIST_MY_REGISTRATIONS)).body().get("items")).isEmpty();
    }

    @Test
    void givenBadCodeDefinitions_thenEachFieldIsNamed_andLimitsCannotDropBelowUse() {
        Response bad = call(as(owner, CREATE_PROMO_CODE).path("orgId", orgId).path("eventId", eventId).json(
                "{\"code\": \"x\", \"kind\": \"percent\", \"percentOff\": 150, \"amountOffMinor\": 5, \"usageLimit\": 0}"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("code", "percentOff", "amountOffMinor", "usageLimit");

        String id = promo("{\"code\": \"TWICE\", \"kind\": \"percent\", \"percentOff\": 10, \"usageLimit\": 5}");
        register("TWICE");
        register("TWICE");
        Response lower = call(as(owner, UPDATE_PROMO_CODE).path("orgId", orgId).path("eventId", eventId)
                .path("promoCodeId", id).json("{\"usageLimit\": 1}"));
        assertThat(lower.status()).isEqualTo(422);
        Response off = call(as(owner, UPDATE_PROMO_CODE).path("orgId", orgId).path("eventId", eventId)
                .path("promoCodeId", id).json("{\"active\": false}"));
        assertThat(off.body().get("active").asBoolean()).isFalse();
        assertThat(off.body().get("timesUsed").asInt()).isEqualTo(2);
        assertThat(register("TWICE").status()).isEqualTo(422);
        Response duplicate = call(as(owner, CREATE_PROMO_CODE).path("orgId", orgId).path("eventId", eventId).json(
                "{\"code\": \"twice\", \"kind\": \"percent\", \"percentOff\": 5}"));
        assertThat(duplicate.code()).isEqualTo("promo_code_taken");
    }

    @Test
    void givenAPendingRegistrationWithACode_whenCancelled_thenTheUseIsGivenBack() {
        String id = promo("{\"code\": \"ONCE\", \"kind\": \"percent\", \"percentOff\": 10, \"usageLimit\": 1}");
        String registration = register("ONCE").body().get("id").asText();
        assertThat(register("ONCE").code()).isEqualTo("promo_code_exhausted");

        call(as(ann, CANCEL_MY_REGISTRATION).path("registrationId", registration));

        assertThat(count("SELECT times_used FROM promo_codes WHERE id = ?::uuid", id)).isZero();
        assertThat(register("ONCE").status()).isEqualTo(201);
    }

    private Response register(String code) {
        return call(as(ann, REGISTER).path("eventId", eventId).json(
                "{\"promoCode\": \"" + code + "\", \"tickets\": [{\"ticketTypeId\": \"" + general + "\", \"attendeeName\": \"A\"}]}"));
    }

    private String promo(String json) {
        Response r = call(as(owner, CREATE_PROMO_CODE).path("orgId", orgId).path("eventId", eventId).json(json));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("id").asText();
    }
}
