package dev.turnstile.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnstile.common.Invalid.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The field rules every request is checked against, and how broken rules are reported. */
class CheckTest {

    @Nested
    class Text {

        @Test
        void givenATextWithinTheLimit_thenItPasses() {
            assertThat(errorsOf(new Check().text("Spring Summit", "title", 200))).isEmpty();
            assertThat(errorsOf(new Check().text("x".repeat(200), "title", 200))).isEmpty();
        }

        @Test
        void givenNoText_thenItIsRequired() {
            assertThat(errorsOf(new Check().text(null, "title", 200)))
                    .containsExactly(new FieldError("title", "is required"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n"})
        void givenABlankText_thenItIsRefused(String blank) {
            assertThat(errorsOf(new Check().text(blank, "title", 200)))
                    .containsExactly(new FieldError("title", "must not be blank"));
        }

        @Test
        void givenATextOneCharacterTooLong_thenItIsRefusedWithTheLimit() {
            assertThat(errorsOf(new Check().text("x".repeat(201), "title", 200)))
                    .containsExactly(new FieldError("title", "must be at most 200 characters"));
        }

        @Test
        void givenAnOptionalTextLeftOut_thenItPasses_butOneTooLongIsRefused() {
            assertThat(errorsOf(new Check().optionalText(null, "description", 5))).isEmpty();
            assertThat(errorsOf(new Check().optionalText("", "description", 5))).isEmpty();
            assertThat(errorsOf(new Check().optionalText("123456", "description", 5)))
                    .containsExactly(new FieldError("description", "must be at most 5 characters"));
        }
    }

    @Nested
    class Slugs {

        @ParameterizedTest
        @ValueSource(strings = {"a", "7", "acme", "acme-events", "summit-2027", "a-b-c", "a--b"})
        void givenLowerCaseLettersDigitsAndInnerHyphens_thenTheSlugPasses(String slug) {
            assertThat(errorsOf(new Check().slug(slug, "slug", Check.SLUG))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Acme", "-acme", "acme-", "-", "acme events", "acme_events", "acme.events",
                "café", "acme/events"})
        void givenAnythingElse_thenTheSlugIsRefused(String slug) {
            assertThat(errorsOf(new Check().slug(slug, "slug", Check.SLUG)))
                    .containsExactly(new FieldError("slug", "must be lower-case letters, digits and inner hyphens"));
        }

        @Test
        void givenNoSlug_thenItIsRequired() {
            assertThat(errorsOf(new Check().slug(null, "slug", Check.SLUG)))
                    .containsExactly(new FieldError("slug", "is required"));
        }

        @Test
        void givenAnOrganizationSlug_thenItHasAtMost63Characters_aDnsLabel() {
            assertThat(errorsOf(new Check().slug("a".repeat(63), "slug", Check.SLUG))).isEmpty();
            assertThat(errorsOf(new Check().slug("a".repeat(64), "slug", Check.SLUG))).hasSize(1);
        }

        @Test
        void givenAnEventSlug_thenItMayHaveUpTo80Characters() {
            assertThat(errorsOf(new Check().slug("a".repeat(64), "slug", Check.EVENT_SLUG))).isEmpty();
            assertThat(errorsOf(new Check().slug("a".repeat(80), "slug", Check.EVENT_SLUG))).isEmpty();
            assertThat(errorsOf(new Check().slug("a".repeat(81), "slug", Check.EVENT_SLUG))).hasSize(1);
            assertThat(errorsOf(new Check().slug("Summit-2027", "slug", Check.EVENT_SLUG))).hasSize(1);
        }
    }

    @Nested
    class Urls {

        @ParameterizedTest
        @ValueSource(strings = {"https://example.com", "http://example.com/logo.png",
                "https://cdn.example.com:8443/a/b?size=2#top", "HTTPS://EXAMPLE.COM/", "https://127.0.0.1/x"})
        void givenAnAbsoluteHttpOrHttpsUrlWithAHost_thenItPasses(String url) {
            assertThat(errorsOf(new Check().optionalUrl(url, "logoUrl"))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "example.com", "/images/logo.png", "//example.com/logo.png", "ftp://example.com/x",
                "javascript:alert(1)", "data:image/png;base64,AAAA", "mailto:team@example.com", "https://",
                "http:///no-host", "https://exa mple.com", "file:///etc/passwd"})
        void givenAnythingElse_thenTheUrlIsRefused(String url) {
            assertThat(errorsOf(new Check().optionalUrl(url, "logoUrl")))
                    .containsExactly(new FieldError("logoUrl", "must be an absolute http(s) URL"));
        }

        @Test
        void givenAUrlLongerThan2048Characters_thenItIsRefused() {
            String prefix = "https://example.com/";
            assertThat(errorsOf(new Check().optionalUrl(prefix + "a".repeat(2048 - prefix.length()), "logoUrl"))).isEmpty();
            assertThat(errorsOf(new Check().optionalUrl(prefix + "a".repeat(2049 - prefix.length()), "logoUrl"))).hasSize(1);
        }

        @Test
        void givenNoUrl_thenItPasses_becauseItIsOptional() {
            assertThat(errorsOf(new Check().optionalUrl(null, "logoUrl"))).isEmpty();
        }
    }

    @Nested
    class Emails {

        @ParameterizedTest
        @ValueSource(strings = {"ada@example.com", "ada.lovelace+events@mail.example.co.uk", "x@y.z"})
        void givenAnEmailAddress_thenItPasses(String email) {
            assertThat(errorsOf(new Check().optionalEmail(email, "email"))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "ada lovelace@example.com",
                "ada@@example.com", "ada@exa mple.com"})
        void givenAnythingElse_thenTheEmailIsRefused(String email) {
            assertThat(errorsOf(new Check().optionalEmail(email, "email")))
                    .containsExactly(new FieldError("email", "must be an e-mail address"));
        }

        @Test
        void givenAnAddressLongerThan320Characters_thenItIsRefused() {
            assertThat(errorsOf(new Check().optionalEmail("a".repeat(308) + "@example.com", "email"))).isEmpty();
            assertThat(errorsOf(new Check().optionalEmail("a".repeat(309) + "@example.com", "email"))).hasSize(1);
        }

        @Test
        void givenNoEmail_thenItPasses_becauseItIsOptional() {
            assertThat(errorsOf(new Check().optionalEmail(null, "email"))).isEmpty();
        }
    }

    @Nested
    class TimeZones {

        @ParameterizedTest
        @ValueSource(strings = {"Europe/Berlin", "America/New_York", "America/Argentina/Buenos_Aires", "Asia/Kolkata",
                "UTC"})
        void givenAnIanaPlaceOrUtc_thenTheZonePasses(String zone) {
            assertThat(errorsOf(new Check().timeZone(zone, "timeZone"))).isEmpty();
        }

        /** Offsets and abbreviations do not follow a place's daylight-saving rules, so reminders would drift. */
        @ParameterizedTest
        @ValueSource(strings = {"+02:00", "-05:00", "Z", "UTC+2", "GMT+02:00", "CET", "EST", "PST", "GMT", ""})
        void givenAnOffsetOrAnAbbreviation_thenTheZoneIsRefused(String zone) {
            assertThat(errorsOf(new Check().timeZone(zone, "timeZone")))
                    .containsExactly(new FieldError("timeZone", "must be an IANA time zone such as Europe/Berlin"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Mars/Olympus_Mons", "Europe/Atlantis", "europe/berlin", "Europe/", "/"})
        void givenAPlaceTheTimeZoneDatabaseDoesNotKnow_thenTheZoneIsRefused(String zone) {
            assertThat(errorsOf(new Check().timeZone(zone, "timeZone"))).hasSize(1);
        }

        @Test
        void givenNoZone_thenItIsRequired() {
            assertThat(errorsOf(new Check().timeZone(null, "timeZone")))
                    .containsExactly(new FieldError("timeZone", "is required"));
        }
    }

    @Nested
    class Currencies {

        @ParameterizedTest
        @ValueSource(strings = {"EUR", "USD", "JPY", "CHF", "GBP", "KWD"})
        void givenAnIso4217Code_thenTheCurrencyPasses(String currency) {
            assertThat(errorsOf(new Check().currency(currency, "currency"))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"XYZ", "eur", "Eur", "EURO", "EU", "", " EUR", "€"})
        void givenAnUnknownOrMisspelledCode_thenTheCurrencyIsRefused(String currency) {
            assertThat(errorsOf(new Check().currency(currency, "currency")))
                    .containsExactly(new FieldError("currency", "must be an ISO 4217 currency code such as EUR"));
        }

        /** Prices are integer minor units; these ISO codes have none (no currency, gold, SDR). */
        @ParameterizedTest
        @ValueSource(strings = {"XXX", "XAU", "XDR"})
        void givenACodeWithoutMinorUnits_thenTheCurrencyIsRefused(String currency) {
            assertThat(errorsOf(new Check().currency(currency, "currency"))).hasSize(1);
        }

        @Test
        void givenNoCurrency_thenItIsRequired() {
            assertThat(errorsOf(new Check().currency(null, "currency")))
                    .containsExactly(new FieldError("currency", "is required"));
        }
    }

    @Nested
    class TagsAndObjects {

        @Test
        void givenUpTo50TagsOfUpTo50Characters_thenTheyPass() {
            assertThat(errorsOf(new Check().tags(Collections.nCopies(50, "t".repeat(50)), "tags"))).isEmpty();
            assertThat(errorsOf(new Check().tags(null, "tags"))).isEmpty();
        }

        @Test
        void given51Tags_thenTheyAreRefused() {
            assertThat(errorsOf(new Check().tags(Collections.nCopies(51, "music"), "tags")))
                    .containsExactly(new FieldError("tags", "must have at most 50 entries"));
        }

        @Test
        void givenABlankNullOrOverlongTag_thenEachIsRefused() {
            List<String> tags = Arrays.asList("music", " ", null, "t".repeat(51));
            assertThat(errorsOf(new Check().tags(tags, "tags"))).hasSize(3)
                    .allSatisfy(e -> assertThat(e.field()).isEqualTo("tags"));
        }

        @Test
        void givenAJsonObjectWithTooManyEntries_thenItIsRefused() {
            Map<String, Object> three = Map.of("a", 1, "b", 2, "c", 3);
            assertThat(errorsOf(new Check().jsonObjectSize(three, "settings", 3))).isEmpty();
            assertThat(errorsOf(new Check().jsonObjectSize(three, "settings", 2)))
                    .containsExactly(new FieldError("settings", "must have at most 2 entries"));
            assertThat(errorsOf(new Check().jsonObjectSize(null, "settings", 2))).isEmpty();
        }

        @Test
        void givenAJsonObjectHoldingANullValue_thenItIsAccepted_becauseNullIsAJsonValue() {
            Map<String, Object> settings = new HashMap<>(Map.of("theme", "dark"));
            settings.put("locale", null);

            assertThat(errorsOf(new Check().jsonObjectSize(settings, "settings", 10))).isEmpty();
        }
    }

    @Nested
    class Reporting {

        @Test
        void givenNoBrokenRule_whenFinishing_thenNothingIsThrown() {
            assertThatCode(() -> new Check()
                    .text("Summit", "title", 200)
                    .slug("summit", "slug", Check.SLUG)
                    .currency("EUR", "currency")
                    .orThrow()).doesNotThrowAnyException();
        }

        @Test
        void givenSeveralBrokenRules_whenFinishing_thenOneInvalidListsEveryFieldInOrder() {
            Check check = new Check()
                    .text(" ", "title", 200)
                    .slug("Bad Slug", "slug", Check.SLUG)
                    .optionalUrl("ftp://example.com", "logoUrl")
                    .timeZone("CET", "timeZone")
                    .currency("eur", "currency")
                    .optionalEmail("nobody", "contact.email")
                    .require(false, "endsAt", "must be after startsAt");

            Invalid invalid = catchThrowableOfType(Invalid.class, check::orThrow);

            assertThat(invalid.errors()).extracting(FieldError::field)
                    .containsExactly("title", "slug", "logoUrl", "timeZone", "currency", "contact.email", "endsAt");
            assertThat(invalid.code()).isEqualTo("validation_failed");
            assertThat(invalid.detail()).isEqualTo("7 fields are invalid");
        }

        @Test
        void givenOneBrokenRule_whenFinishing_thenTheDetailNamesItsFieldAndMessage() {
            Invalid invalid = catchThrowableOfType(Invalid.class,
                    () -> new Check().require(false, "endsAt", "must be after startsAt").orThrow());

            assertThat(invalid.errors()).containsExactly(new FieldError("endsAt", "must be after startsAt"));
            assertThat(invalid.detail()).isEqualTo("endsAt: must be after startsAt");
        }

        @Test
        void givenAFieldBreakingTwoRules_whenFinishing_thenBothAreListed() {
            Invalid invalid = catchThrowableOfType(Invalid.class,
                    () -> new Check().text(" ".repeat(3), "title", 2).orThrow());

            assertThat(invalid.errors()).containsExactly(
                    new FieldError("title", "must not be blank"),
                    new FieldError("title", "must be at most 2 characters"));
        }

        @Test
        void givenAThrownInvalid_whenTheCheckIsUsedAgain_thenTheListAlreadyReportedStaysAsItWas() {
            Check check = new Check().require(false, "title", "is required");
            Invalid first = catchThrowableOfType(Invalid.class, check::orThrow);
            check.require(false, "slug", "is required");

            assertThat(first.errors()).extracting(FieldError::field).containsExactly("title");
        }

        @Test
        void givenPresent_thenItAnswersWhetherTheValueIsThere_andRecordsTheMissingOne() {
            Check check = new Check();

            assertThat(check.present("x", "a")).isTrue();
            assertThat(check.present(null, "b")).isFalse();
            assertThat(errorsOf(check)).containsExactly(new FieldError("b", "is required"));
        }
    }

    /** The broken rules a check has collected, or none if it passes. */
    static List<FieldError> errorsOf(Check check) {
        try {
            check.orThrow();
            return List.of();
        } catch (Invalid invalid) {
            return new ArrayList<>(invalid.errors());
        }
    }
}
