package dev.turnstile.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TicketTypeTest {

    static final Instant OPENS = Instant.parse("2027-05-01T08:00:00Z");
    static final Instant CLOSES = Instant.parse("2027-06-01T08:00:00Z");

    @Nested
    class Available {

        @Test
        void givenSoldAndHeldTickets_thenWhatIsLeftIsCapacityMinusBoth() {
            assertThat(ticketType(100, 30, 20).available()).isEqualTo(50);
            assertThat(ticketType(100, 0, 0).available()).isEqualTo(100);
            assertThat(ticketType(100, 60, 40).available()).isZero();
        }

        @Test
        void givenMoreSoldAndHeldThanCapacity_thenNothingIsAvailable_neverANegativeNumber() {
            assertThat(ticketType(10, 8, 5).available()).isZero();
            assertThat(ticketType(0, 1, 0).available()).isZero();
        }
    }

    @Nested
    class OnSale {

        @Test
        void givenAnActiveTypeWithoutASaleWindow_thenItIsOnSaleAtAnyTime() {
            TicketType t = onSale(true, null, null);
            assertThat(t.onSaleAt(Instant.EPOCH)).isTrue();
            assertThat(t.onSaleAt(CLOSES.plusSeconds(86_400 * 365))).isTrue();
        }

        @Test
        void givenAnInactiveType_thenItIsNeverOnSale_evenInsideItsWindow() {
            assertThat(onSale(false, null, null).onSaleAt(OPENS)).isFalse();
            assertThat(onSale(false, OPENS, CLOSES).onSaleAt(OPENS.plusSeconds(60))).isFalse();
        }

        @Test
        void givenASaleWindow_thenItIsOnSaleFromItsStartIncluded_toItsEndExcluded() {
            TicketType t = onSale(true, OPENS, CLOSES);

            assertThat(t.onSaleAt(OPENS.minusNanos(1))).as("just before it opens").isFalse();
            assertThat(t.onSaleAt(OPENS)).as("the instant it opens").isTrue();
            assertThat(t.onSaleAt(CLOSES.minusNanos(1))).as("just before it closes").isTrue();
            assertThat(t.onSaleAt(CLOSES)).as("the instant it closes").isFalse();
            assertThat(t.onSaleAt(CLOSES.plusSeconds(1))).as("after it closed").isFalse();
        }

        @Test
        void givenOnlyAStart_thenItIsOnSaleFromThenOn() {
            TicketType t = onSale(true, OPENS, null);
            assertThat(t.onSaleAt(OPENS.minusSeconds(1))).isFalse();
            assertThat(t.onSaleAt(OPENS)).isTrue();
            assertThat(t.onSaleAt(CLOSES.plusSeconds(86_400 * 365))).isTrue();
        }

        @Test
        void givenOnlyAnEnd_thenItIsOnSaleUntilThen() {
            TicketType t = onSale(true, null, CLOSES);
            assertThat(t.onSaleAt(Instant.EPOCH)).isTrue();
            assertThat(t.onSaleAt(CLOSES.minusSeconds(1))).isTrue();
            assertThat(t.onSaleAt(CLOSES)).isFalse();
        }
    }

    private static TicketType ticketType(int capacity, int sold, int held) {
        return ticketType(capacity, sold, held, true, null, null);
    }

    private static TicketType onSale(boolean active, Instant saleStartsAt, Instant saleEndsAt) {
        return ticketType(100, 0, 0, active, saleStartsAt, saleEndsAt);
    }

    private static TicketType ticketType(int capacity, int sold, int held, boolean active, Instant saleStartsAt,
                                         Instant saleEndsAt) {
        return new TicketType(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "General admission", null,
                4_900, "EUR", capacity, sold, held, saleStartsAt, saleEndsAt, Map.of(), active, false, 0, OPENS, OPENS);
    }
}
