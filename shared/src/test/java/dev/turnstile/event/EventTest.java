package dev.turnstile.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTest {

    static final Instant T = Instant.parse("2027-01-10T12:00:00Z");

    @Test
    void givenNoLifecycleTimestampAndNotPublished_thenItIsADraft() {
        assertThat(event(false, null, null).status()).isEqualTo(EventStatus.DRAFT);
    }

    @Test
    void givenPublished_thenItIsPublished() {
        assertThat(event(true, null, null).status()).isEqualTo(EventStatus.PUBLISHED);
    }

    @Test
    void givenArchived_thenItIsArchived_whetherOrNotItWasPublished() {
        assertThat(event(true, T, null).status()).isEqualTo(EventStatus.ARCHIVED);
        assertThat(event(false, T, null).status()).isEqualTo(EventStatus.ARCHIVED);
    }

    @Test
    void givenDeleted_thenItIsDeleted_whateverElseIsSet() {
        assertThat(event(false, null, T).status()).isEqualTo(EventStatus.DELETED);
        assertThat(event(true, null, T).status()).isEqualTo(EventStatus.DELETED);
        assertThat(event(true, T, T).status()).isEqualTo(EventStatus.DELETED);
        assertThat(event(false, T, T).status()).isEqualTo(EventStatus.DELETED);
    }

    @Test
    void givenEachStatus_thenOnlyAPublishedEventIsOnPublicView() {
        assertThat(event(true, null, null).isOnPublicView()).isTrue();
        assertThat(event(false, null, null).isOnPublicView()).isFalse();
        assertThat(event(true, T, null).isOnPublicView()).as("archived").isFalse();
        assertThat(event(true, null, T).isOnPublicView()).as("deleted").isFalse();
    }

    @Test
    void givenMutableMapsAndLists_whenTheyChangeAfterwards_thenTheEventDoesNot() {
        Map<String, Object> location = new HashMap<>(Map.of("venue", "Hall A"));
        List<String> tags = new ArrayList<>(List.of("music"));
        Event event = new Event(UUID.randomUUID(), UUID.randomUUID(), "Summit", "summit", null, EventType.IN_PERSON,
                Visibility.PUBLIC, T, T.plusSeconds(3600), "Europe/Berlin", location, Map.of(), Map.of(), tags,
                null, null, false, null, null, null, 1, T, T);

        location.put("venue", "Somewhere else");
        tags.add("late addition");

        assertThat(event.location()).containsExactly(Map.entry("venue", "Hall A"));
        assertThat(event.tags()).containsExactly("music");
    }

    @Test
    void givenNewDetails_whenApplied_thenTheEditableFieldsChange_andIdentityAndLifecycleStay() {
        Event published = event(true, null, null);
        Event.Details changed = new Event.Details("  Renamed  ", "renamed", "New text", EventType.ONLINE,
                Visibility.PRIVATE, T.plusSeconds(60), T.plusSeconds(7200), "UTC", Map.of(), Map.of("k", "v"),
                Map.of(), List.of("new"));

        Event after = published.with(changed);

        assertThat(after.title()).isEqualTo("Renamed");
        assertThat(after.details()).usingRecursiveComparison().ignoringFields("title").isEqualTo(changed);
        assertThat(after.id()).isEqualTo(published.id());
        assertThat(after.orgId()).isEqualTo(published.orgId());
        assertThat(after.status()).isEqualTo(EventStatus.PUBLISHED);
        assertThat(after.publishedAt()).isEqualTo(published.publishedAt());
        assertThat(after.version()).isEqualTo(published.version());
    }

    private static Event event(boolean published, Instant archivedAt, Instant deletedAt) {
        return new Event(UUID.randomUUID(), UUID.randomUUID(), "Summit", "summit", null, EventType.IN_PERSON,
                Visibility.PUBLIC, T, T.plusSeconds(3600), "Europe/Berlin", Map.of("venue", "Hall A"), Map.of(),
                Map.of(), List.of(), null, null, published, published ? T.minusSeconds(86_400) : null, archivedAt,
                deletedAt, 3, T.minusSeconds(172_800), T.minusSeconds(3600));
    }
}
