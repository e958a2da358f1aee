package dev.turnstile.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTest {

    @ParameterizedTest(name = "{1} % off {0} is {2} off")
    @CsvSource({
            "999, 15, 150",     // 149.85 rounds half up
            "1000, 15, 150",
            "1, 50, 1",         // 0.5 rounds up
            "1, 49, 0",
            "2500, 100, 2500",
            "0, 30, 0",
            "1000000000, 33, 330000000"})
    void givenAPercentage_thenTheDiscountIsRoundedHalfUpToTheMinorUnit(long price, int percent, long expected) {
        assertThat(Pricing.discount(price, code(DiscountKind.PERCENT, percent, null))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} off {0} is {2} off")
    @CsvSource({"999, 500, 500", "999, 999, 999", "999, 5000, 999", "0, 100, 0"})
    void givenAFixedAmount_thenTheDiscountIsCappedAtThePrice(long price, long amount, long expected) {
        assertThat(Pricing.discount(price, code(DiscountKind.FIXED, null, amount))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"999", "0"})
    void givenNoCode_thenNoDiscount(long price) {
        assertThat(Pricing.discount(price, null)).isZero();
    }

    private static PromoCode code(DiscountKind kind, Integer percent, Long amount) {
        return new PromoCode(UUID.randomUUID(), UUID.randomUUID(), "CODE", kind, percent, amount, List.of(), null, 0,
                null, null, true, null, null);
    }
}
