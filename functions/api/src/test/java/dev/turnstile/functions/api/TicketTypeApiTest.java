package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.identity.Principal;
import dev.turnstile.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketTypeApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Tara");
    String orgId;
    String eventId;

    @BeforeEach
    void anEvent() {
        orgId = createOrg(owner);
        eventId = createEvent(owner, orgId);
    }

    @Test
    void givenAValidTicketType_whenCreated_thenPriceIsExactMinorUnits_andAllIsAvailable() {
        Response r = call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": "VIP", "description": "Front row", "priceMinor": 19999, "currency": "EUR", "capacity": 25,
                 "saleStartsAt": "2030-01-01T00:00:00Z", "saleEndsAt": "2030-02-01T00:00:00Z",
                 "restrictions": {"minPerOrder": 1, "maxPerOrder": 4}, "sortOrder": 2}"""));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("priceMinor").asLong()).isEqualTo(19999);
        assertThat(r.body().get("currency").asText()).isEqualTo("EUR");
        assertThat(r.body().get("available").asInt()).isEqualTo(25);
        assertThat(r.body().get("active").asBoolean()).isTrue();
        assertThat(r.body().get("restrictions").get("maxPerOrder").asInt()).isEqualTo(4);
    }

    @Test
    void givenBrokenRules_whenCreatingATicketType_thenEveryFieldIsNamed() {
        Response r = call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": "Bad", "priceMinor": -1, "currency": "XYZ", "capacity": -5,
                 "saleStartsAt": "2030-02-01T00:00:00Z", "saleEndsAt": "2030-01-01T00:00:00Z",
                 "restrictions": {"minPerOrder": 5, "maxPerOrder": 2, "vipOnly": true}}"""));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "priceMinor", "currency", "capacity", "saleEndsAt", "restrictions.maxPerOrder", "restrictions.vipOnly");
    }

    @Test
    void givenAPriceWithDecimals_whenCreating_thenBadRequest_becauseMoneyIsIntegerMinorUnits() {
        Response r = call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": "Float", "priceMinor": 19.99, "currency": "EUR", "capacity": 5}"""));
        Response quoted = call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": "Text", "priceMinor": "1999", "currency": "EUR", "capacity": 5}"""));
        Response numericName = call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": 7, "priceMinor": 1999, "currency": "EUR", "capacity": 5}"""));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("errors").get(0).get("field").asText()).isEqualTo("priceMinor");
        assertThat(quoted.status()).isEqualTo(400);
        assertThat(numericName.status()).isEqualTo(400);
        assertThat(call(as(owner, LIST_TICKET_TYPES).path("orgId", orgId).path("eventId", eventId)).body().get("items")).isEmpty();
    }

    @Test
    void givenAWithdrawnCurrency_thenUnprocessable_naming_currency() {
        Response r = call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": "Kuna", "priceMinor": 100, "currency": "HRK", "capacity": 5}"""));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("errors").get(0).get("field").asText()).isEqualTo("currency");
    }

    @Test
    void givenOneTicketTypeInEur_whenAddingOneInUsd_thenRefused() {
        createTicketType(owner, orgId, eventId, "General", 1000, 10);
        Response r = call(as(owner, CREATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId).json("""
                {"name": "Dollar", "priceMinor": 1000, "currency": "USD", "capacity": 10}"""));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("errors").get(0).get("field").asText()).isEqualTo("currency");
    }

    @Test
    void givenSoldTickets_whenLoweringCapacityBelowThem_thenRefused_andCurrencyIsLocked() throws Exception {
        String ticketTypeId = createTicketType(owner, orgId, eventId, "General", 1000, 10);
        try (var c = db.owner().getConnection();
             var ps = c.prepareStatement("UPDATE ticket_types SET quantity_sold = 6, quantity_held = 2 WHERE id = ?::uuid")) {
            ps.setString(1, ticketTypeId);
            ps.executeUpdate();
        }

        Response tooSmall = call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId)
                .path("ticketTypeId", ticketTypeId).json("{\"capacity\": 7}"));
        Response currency = call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId)
                .path("ticketTypeId", ticketTypeId).json("{\"currency\": \"USD\"}"));
        Response ok = call(as(owner, UPDATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId)
                .path("ticketTypeId", ticketTypeId).json("{\"capacity\": 8, \"priceMinor\": 1200}"));

        assertThat(tooSmall.status()).isEqualTo(422);
        assertThat(tooSmall.body().get("errors").get(0).get("message").asText()).contains("8");
        assertThat(currency.status()).isEqualTo(409);
        assertThat(currency.code()).isEqualTo("currency_locked");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("available").asInt()).isZero();
        assertThat(ok.body().get("quantitySold").asInt()).isEqualTo(6);
    }

    @Test
    void givenATicketType_whenDeactivatedAndActivated_thenActiveFollows() {
        String ticketTypeId = createTicketType(owner, orgId, eventId, "General", 0, 10);
        Response off = call(as(owner, DEACTIVATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId)
                .path("ticketTypeId", ticketTypeId));
        assertThat(off.body().get("active").asBoolean()).isFalse();
        assertThat(call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId)).code())
                .isEqualTo("no_ticket_types");
        Response on = call(as(owner, ACTIVATE_TICKET_TYPE).path("orgId", orgId).path("eventId", eventId)
                .path("ticketTypeId", ticketTypeId));
        assertThat(on.body().get("active").asBoolean()).isTrue();
    }
}
