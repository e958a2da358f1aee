package dev.turnstile.session;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface SpeakerRepository {

    void insert(Speaker speaker);

    Optional<Speaker> find(UUID id);

    void update(Speaker speaker);

    boolean delete(UUID id);

    /** The organization's speakers, by name; {@code text} filters names (null: all). */
    List<Speaker> list(String text);

    /** Which of these ids are speakers of the organization in context. */
    List<UUID> existing(Collection<UUID> ids);
}
