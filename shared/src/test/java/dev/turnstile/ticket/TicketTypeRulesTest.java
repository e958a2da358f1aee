package dev.turnstile.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.common.Invalid;
import dev.turnstile.common.Invalid.FieldError;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules create and update apply to a ticket type, alone and beside its event's other types. */
class TicketTypeRulesTest {

    static final Instant NOW = Instant.parse("2027-04-01T10:00:00Z");

    @Test
    void givenAValidTicketTypeAsTheEventsFirst_thenItPasses() {
        assertThat(errorsOf(new Draft(), List.of(), null)).isEmpty();
    }

    @Test
    void givenNothingFilledIn_thenNamePriceCurrencyAndCapacityAreRequired() {
        Draft d = new Draft();
        d.name = null;
        d.priceMinor = null;
        d.currency = null;
        d.capacity = null;
        assertThat(errorsOf(d, List.of(), null)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "priceMinor", "currency", "capacity");
    }

    @Nested
    class PriceCapacityAndWindow {

        @Test
        void givenAFreeTicket_thenItPasses_butANegativePriceIsRefused() {
            Draft free = new Draft();
            free.priceMinor = 0L;
            Draft negative = new Draft();
            negative.priceMinor = -1L;

            assertThat(errorsOf(free, List.of(), null)).isEmpty();
            assertThat(errorsOf(negative, List.of(), null)).extracting(FieldError::field).containsExactly("priceMinor");
        }

        @Test
        void givenAPriceAboveTheCap_thenItIsRefusedAsATypo() {
            Draft atCap = new Draft();
            atCap.priceMinor = TicketTypeRules.MAX_PRICE_MINOR;
            Draft above = new Draft();
            above.priceMinor = TicketTypeRules.MAX_PRICE_MINOR + 1;

            assertThat(errorsOf(atCap, List.of(), null)).isEmpty();
            assertThat(errorsOf(above, List.of(), null)).extracting(FieldError::field).containsExactly("priceMinor");
        }

        @Test
        void givenACapacityOutOfRange_thenItIsRefused() {
            Draft negative = new Draft();
            negative.capacity = -1;
            Draft huge = new Draft();
            huge.capacity = TicketTypeRules.MAX_CAPACITY + 1;

            assertThat(errorsOf(negative, List.of(), null)).extracting(FieldError::field).containsExactly("capacity");
            assertThat(errorsOf(huge, List.of(), null)).extracting(FieldError::field).containsExactly("capacity");
        }

        @Test
        void givenASaleWindowThatEndsWhenOrBeforeItStarts_thenSaleEndsAtIsRefused() {
            Draft same = new Draft();
            same.saleStartsAt = NOW;
            same.saleEndsAt = NOW;
            Draft reversed = new Draft();
            reversed.saleStartsAt = NOW;
            reversed.saleEndsAt = NOW.minusSeconds(1);

            assertThat(errorsOf(same, List.of(), null))
                    .containsExactly(new FieldError("saleEndsAt", "must be after saleStartsAt"));
            assertThat(errorsOf(reversed, List.of(), null))
                    .containsExactly(new FieldError("saleEndsAt", "must be after saleStartsAt"));
        }
    }

    @Nested
    class Restrictions {

        @Test
        void givenMinAndMaxPerOrder_thenTheyPass() {
            Draft d = new Draft();
            d.restrictions = Map.of("minPerOrder", 2, "maxPerOrder", 10);
            assertThat(errorsOf(d, List.of(), null)).isEmpty();
        }

        @Test
        void givenEqualMinAndMax_thenTheyPass_aFixedBundle() {
            Draft d = new Draft();
            d.restrictions = Map.of("minPerOrder", 4, "maxPerOrder", 4);
            assertThat(errorsOf(d, List.of(), null)).isEmpty();
        }

        @Test
        void givenAnUnknownRestriction_thenItIsRefusedUnderItsOwnKey() {
            Draft d = new Draft();
            d.restrictions = Map.of("maxPerCustomer", 2);
            assertThat(errorsOf(d, List.of(), null)).extracting(FieldError::field)
                    .containsExactly("restrictions.maxPerCustomer");
        }

        @Test
        void givenAMinimumAboveTheMaximum_thenTheMaximumIsRefused() {
            Draft d = new Draft();
            d.restrictions = Map.of("minPerOrder", 5, "maxPerOrder", 2);
            assertThat(errorsOf(d, List.of(), null))
                    .containsExactly(new FieldError("restrictions.maxPerOrder", "must not be below minPerOrder"));
        }

        @Test
        void givenRestrictionsThatAreNotWholeNumbersBetween1And1000_thenEachIsRefused() {
            for (Object notAWholeNumber : List.of("2", 2.5, 2.0, 0, -1, 1001, 5_000_000_000L, true, List.of(2))) {
                Draft d = new Draft();
                d.restrictions = Map.of("maxPerOrder", notAWholeNumber);
                assertThat(errorsOf(d, List.of(), null)).as("maxPerOrder = %s", notAWholeNumber).containsExactly(
                        new FieldError("restrictions.maxPerOrder", "must be a whole number between 1 and 1000"));
            }
        }

        @Test
        void givenARestrictionSetToNull_thenItIsRefused_ratherThanBreakingTheTicketTypeLater() {
            // JSON {"restrictions": {"maxPerOrder": null}}: the TicketType record cannot hold a null value
            Map<String, Object> restrictions = new HashMap<>();
            restrictions.put("maxPerOrder", null);
            Draft d = new Draft();
            d.restrictions = restrictions;

            assertThat(errorsOf(d, List.of(), null)).extracting(FieldError::field)
                    .containsExactly("restrictions.maxPerOrder");
        }

        @Test
        void givenANonIntegerMinimum_thenOnlyThatIsReported_notAlsoTheComparison() {
            Draft d = new Draft();
            d.restrictions = Map.of("minPerOrder", "lots", "maxPerOrder", 2);
            assertThat(errorsOf(d, List.of(), null)).extracting(FieldError::field)
                    .containsExactly("restrictions.minPerOrder");
        }
    }

    @Nested
    class CurrencyAcrossTheEvent {

        @Test
        void givenASiblingInAnotherCurrency_whenCreating_thenTheCurrencyIsRefused_namingTheEventsCurrency() {
            Draft d = new Draft();
            d.currency = "USD";
            assertThat(errorsOf(d, List.of(sibling("EUR")), null)).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("currency");
                assertThat(e.message()).contains("EUR");
            });
        }

        @Test
        void givenSiblingsInTheSameCurrency_whenCreating_thenItPasses() {
            assertThat(errorsOf(new Draft(), List.of(sibling("EUR"), sibling("EUR")), null)).isEmpty();
        }

        @Test
        void givenTheOnlyTicketTypeOfTheEvent_whenUpdatingItsCurrency_thenItIsNotComparedWithItself() {
            TicketType self = sibling("EUR");
            Draft d = new Draft();
            d.currency = "JPY";
            assertThat(errorsOf(d, List.of(self), self.id())).isEmpty();
        }

        @Test
        void givenAnotherTicketTypeBesideTheOneUpdated_whenChangingTheCurrency_thenItIsRefused() {
            TicketType self = sibling("EUR");
            Draft d = new Draft();
            d.currency = "JPY";
            assertThat(errorsOf(d, List.of(self, sibling("EUR")), self.id())).extracting(FieldError::field)
                    .containsExactly("currency");
        }
    }

    /** The editable fields of a ticket type, valid until a test breaks one. */
    static final class Draft {
        String name = "Early bird";
        String description = "Until the end of May";
        Long priceMinor = 4_900L;
        String currency = "EUR";
        Integer capacity = 200;
        Instant saleStartsAt = NOW;
        Instant saleEndsAt = NOW.plusSeconds(86_400 * 30);
        Map<String, Object> restrictions = Map.of();
        Boolean hidden = false;
        Integer sortOrder = 0;

        TicketType.Details details() {
            return new TicketType.Details(name, description, priceMinor, currency, capacity, saleStartsAt, saleEndsAt,
                    restrictions, hidden, sortOrder);
        }
    }

    static List<FieldError> errorsOf(Draft draft, List<TicketType> siblings, UUID self) {
        try {
            TicketTypeRules.validate(draft.details(), siblings, self);
            return List.of();
        } catch (Invalid invalid) {
            return invalid.errors();
        }
    }

    private static TicketType sibling(String currency) {
        return new TicketType(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Regular", null, 9_900,
                currency, 500, 0, 0, null, null, Map.of(), true, false, 1, NOW, NOW);
    }
}
