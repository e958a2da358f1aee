package dev.turnstile.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnstile.common.Invalid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCursorTest {

    @Test
    void givenTheLastEventOfAPage_whenItsCursorIsDecoded_thenItGivesBackItsStartAndId() {
        Event last = eventStartingAt(Instant.parse("2027-03-14T09:26:53.589793238Z"));

        EventRepository.Position position = EventCursor.decode(EventCursor.encode(last));

        assertThat(position).isEqualTo(new EventRepository.Position(last.startsAt(), last.id()));
    }

    @Test
    void givenAnyEvent_thenItsCursorIsSafeInAQueryStringWithoutEscaping() {
        for (int i = 0; i < 50; i++) {
            String cursor = EventCursor.encode(eventStartingAt(Instant.ofEpochSecond(1_800_000_000L + i * 7919L)));
            assertThat(cursor).matches("[A-Za-z0-9_-]+");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor", "!!!!", "%2F%2F", "MjAyNy0wMy0xNFQwOToyNjo1M1o="})
    void givenSomethingThatIsNotACursor_whenDecoding_thenItIsInvalidOnTheCursorField(String garbage) {
        assertCursorRefused(garbage);
    }

    @Test
    void givenWellFormedBase64WithTheWrongContent_whenDecoding_thenItIsInvalidOnTheCursorField() {
        UUID id = UUID.randomUUID();
        for (String raw : List.of("2027-03-14T09:26:53Z", "2027-03-14T09:26:53Z|", "2027-03-14T09:26:53Z|not-a-uuid",
                "yesterday|" + id, "|" + id, id + "|2027-03-14T09:26:53Z")) {
            assertCursorRefused(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void givenNoCursorAtAll_whenDecoding_thenItIsInvalidRatherThanAnInternalError() {
        assertCursorRefused(null);
    }

    private static void assertCursorRefused(String cursor) {
        Invalid invalid = catchThrowableOfType(Invalid.class, () -> EventCursor.decode(cursor));
        assertThat(invalid).as("decoding %s", cursor).isNotNull();
        assertThat(invalid.errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    private static Event eventStartingAt(Instant start) {
        return new Event(UUID.randomUUID(), UUID.randomUUID(), "Summit", "summit", null, EventType.ONLINE,
                Visibility.PUBLIC, start, start.plusSeconds(3600), "UTC", Map.of(), Map.of(), Map.of(), List.of(),
                null, null, false, null, null, null, 1, start, start);
    }
}
