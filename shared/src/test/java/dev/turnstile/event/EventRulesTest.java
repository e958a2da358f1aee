package dev.turnstile.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.common.Invalid;
import dev.turnstile.common.Invalid.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules create, update and clone all apply to an event's fields. */
class EventRulesTest {

    static final Instant START = Instant.parse("2027-09-20T08:00:00Z");

    @Test
    void givenAFullyValidInPersonEvent_thenItPasses() {
        assertThat(errorsOf(new Draft())).isEmpty();
    }

    @Test
    void givenNothingFilledIn_thenEveryRequiredFieldIsListedAtOnce() {
        Draft empty = new Draft();
        empty.title = null;
        empty.slug = null;
        empty.type = null;
        empty.visibility = null;
        empty.startsAt = null;
        empty.endsAt = null;
        empty.timeZone = null;

        assertThat(errorsOf(empty)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "title", "slug", "type", "visibility", "startsAt", "endsAt", "timeZone");
    }

    @Nested
    class Dates {

        @Test
        void givenAnEndBeforeTheStart_thenEndsAtIsRefused() {
            Draft d = new Draft();
            d.endsAt = START.minusSeconds(1);
            assertThat(errorsOf(d)).containsExactly(new FieldError("endsAt", "must be after startsAt"));
        }

        @Test
        void givenAnEndEqualToTheStart_thenEndsAtIsRefused_becauseAnEventTakesTime() {
            Draft d = new Draft();
            d.endsAt = START;
            assertThat(errorsOf(d)).containsExactly(new FieldError("endsAt", "must be after startsAt"));
        }

        @Test
        void givenAnEventOfExactly366Days_thenItPasses() {
            Draft d = new Draft();
            d.endsAt = START.plus(Duration.ofDays(366));
            assertThat(errorsOf(d)).isEmpty();
        }

        @Test
        void givenAnEventOneSecondLongerThan366Days_thenEndsAtIsRefused_pointingToSeries() {
            Draft d = new Draft();
            d.endsAt = START.plus(Duration.ofDays(366)).plusSeconds(1);
            assertThat(errorsOf(d)).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("endsAt");
                assertThat(e.message()).contains("366 days").contains("series");
            });
        }

        @Test
        void givenAnOffsetInsteadOfATimeZone_thenTimeZoneIsRefused() {
            Draft d = new Draft();
            d.timeZone = "+02:00";
            assertThat(errorsOf(d)).extracting(FieldError::field).containsExactly("timeZone");
        }
    }

    @Nested
    class Venue {

        @Test
        void givenAnInPersonEventWithoutAVenue_thenTheVenueIsRequired() {
            Draft d = new Draft();
            d.location = Map.of("address", "Main Street 1");
            assertThat(errorsOf(d)).containsExactly(
                    new FieldError("location.venue", "is required for an in-person event"));
        }

        @Test
        void givenAHybridEventWithoutAVenue_thenTheVenueIsRequired() {
            Draft d = new Draft();
            d.type = EventType.HYBRID;
            d.location = Map.of("onlineUrl", "https://stream.example.com/summit");
            assertThat(errorsOf(d)).containsExactly(new FieldError("location.venue", "is required for a hybrid event"));
        }

        @Test
        void givenABlankOrNonTextVenue_thenItCountsAsNoVenue() {
            Draft blank = new Draft();
            blank.location = Map.of("venue", "   ");
            Draft number = new Draft();
            number.location = Map.of("venue", 42);

            assertThat(errorsOf(blank)).extracting(FieldError::field).containsExactly("location.venue");
            assertThat(errorsOf(number)).extracting(FieldError::field).containsExactly("location.venue");
        }

        @Test
        void givenAnOnlineEvent_thenNoVenueIsNeeded_norALink() {
            Draft d = new Draft();
            d.type = EventType.ONLINE;
            d.location = Map.of();
            assertThat(errorsOf(d)).isEmpty();
        }

        @Test
        void givenAHybridEventWithVenueAndLink_thenItPasses() {
            Draft d = new Draft();
            d.type = EventType.HYBRID;
            d.location = Map.of("venue", "Hall A", "onlineUrl", "https://stream.example.com/summit");
            assertThat(errorsOf(d)).isEmpty();
        }
    }

    @Nested
    class OnlineUrl {

        @ParameterizedTest
        @ValueSource(strings = {"ftp://files.example.com/stream", "javascript:alert(1)", "meet.example.com/room",
                "/stream"})
        void givenALinkThatIsNotAnAbsoluteHttpUrl_thenItIsRefused_whateverTheEventType(String url) {
            for (EventType type : EventType.values()) {
                Draft d = new Draft();
                d.type = type;
                d.location = Map.of("venue", "Hall A", "onlineUrl", url);
                assertThat(errorsOf(d)).as("%s event", type)
                        .containsExactly(new FieldError("location.onlineUrl", "must be an absolute http(s) URL"));
            }
        }

        @Test
        void givenAnOnlineEventWithABlankLink_thenTheLinkIsRefused() {
            Draft d = new Draft();
            d.type = EventType.ONLINE;
            d.location = Map.of("onlineUrl", " ");
            assertThat(errorsOf(d)).extracting(FieldError::field).isNotEmpty().containsOnly("location.onlineUrl");
        }

        @Test
        void givenALinkThatIsNotText_thenItIsRefused_whateverTheEventType() {
            for (Object notText : List.of(42, Map.of("href", "javascript:alert(1)"), List.of("https://a.example.com"))) {
                for (EventType type : EventType.values()) {
                    Draft d = new Draft();
                    d.type = type;
                    d.location = Map.of("venue", "Hall A", "onlineUrl", notText);
                    assertThat(errorsOf(d)).as("%s event, onlineUrl = %s", type, notText)
                            .extracting(FieldError::field).isNotEmpty().containsOnly("location.onlineUrl");
                }
            }
        }

        @Test
        void givenAnOnlineEventWithAnHttpsLink_thenItPasses() {
            Draft d = new Draft();
            d.type = EventType.ONLINE;
            d.location = Map.of("onlineUrl", "https://meet.example.com/room?id=42");
            assertThat(errorsOf(d)).isEmpty();
        }
    }

    @Nested
    class Contact {

        @Test
        void givenAContactEmailThatIsNotAnAddress_thenItIsRefused() {
            Draft d = new Draft();
            d.contact = Map.of("email", "help-at-example.com", "phone", "+49 30 1234");
            assertThat(errorsOf(d)).containsExactly(new FieldError("contact.email", "must be an e-mail address"));
        }

        @Test
        void givenAContactEmailThatIsAnAddress_thenItPasses() {
            Draft d = new Draft();
            d.contact = Map.of("email", "help@example.com", "name", "Front desk");
            assertThat(errorsOf(d)).isEmpty();
        }

        @Test
        void givenAContactEmailThatIsNotText_thenItIsRefused() {
            for (Object notText : List.of(42, true, Map.of("address", "help@example.com"))) {
                Draft d = new Draft();
                d.contact = Map.of("email", notText);
                assertThat(errorsOf(d)).as("email = %s", notText)
                        .containsExactly(new FieldError("contact.email", "must be an e-mail address"));
            }
        }

        @Test
        void givenAContactWithoutEmail_thenItPasses() {
            Draft d = new Draft();
            d.contact = Map.of("phone", "+49 30 1234");
            assertThat(errorsOf(d)).isEmpty();
        }
    }

    @Test
    void givenANullValueInsideLocationCustomFieldsOrContact_thenItIsKept_andARuleOnItIsNotTriggered() {
        // JSON {"location": {"venue": "Hall A", "room": null}} arrives as a map holding a null value;
        // a null contact e-mail is "no e-mail", not a malformed one
        Draft d = new Draft();
        d.location = withNull(Map.of("venue", "Hall A"), "room");
        d.customFields = withNull(Map.of(), "dressCode");
        d.contact = withNull(Map.of("phone", "+49 30 1234"), "email");

        assertThat(errorsOf(d)).isEmpty();
    }

    @Test
    void givenSeveralBrokenRules_thenAllAreReportedTogether() {
        Draft d = new Draft();
        d.title = " ";
        d.slug = "Not A Slug";
        d.endsAt = START.minusSeconds(60);
        d.location = Map.of("onlineUrl", "ftp://x.example.com");
        d.contact = Map.of("email", "nobody");

        assertThat(errorsOf(d)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "title", "slug", "endsAt", "location.venue", "location.onlineUrl", "contact.email");
    }

    /** The editable fields of an event, valid until a test breaks one. */
    static final class Draft {
        String title = "Open Source Summit";
        String slug = "oss-2027";
        String description = "Three days of talks";
        EventType type = EventType.IN_PERSON;
        Visibility visibility = Visibility.PUBLIC;
        Instant startsAt = START;
        Instant endsAt = START.plus(Duration.ofDays(3));
        String timeZone = "Europe/Berlin";
        Map<String, Object> location = Map.of("venue", "Hall A", "address", "Main Street 1");
        Map<String, Object> customFields = Map.of();
        Map<String, Object> contact = Map.of();
        List<String> tags = List.of("open-source");

        Event.Details details() {
            return new Event.Details(title, slug, description, type, visibility, startsAt, endsAt, timeZone, location,
                    customFields, contact, tags);
        }
    }

    static Map<String, Object> withNull(Map<String, Object> entries, String nullKey) {
        Map<String, Object> map = new HashMap<>(entries);
        map.put(nullKey, null);
        return map;
    }

    static List<FieldError> errorsOf(Draft draft) {
        try {
            EventRules.validate(draft.details());
            return List.of();
        } catch (Invalid invalid) {
            return invalid.errors();
        }
    }
}
