package dev.turnstile.registration;

import java.util.Optional;
import java.util.UUID;

public interface RegistrationSettingsRepository {

    Optional<RegistrationSettings> find(UUID eventId);

    /**
     * The settings, read under a key-share lock on the event held until the transaction ends: a
     * concurrent settings change (which locks the event for update) waits for this registration, so
     * no registration can miss a capacity set while it runs.
     */
    RegistrationSettings readForRegistration(UUID eventId);

    /** Writes the settings; when a capacity is set, recounts the seats taken from the ticket types. */
    void update(UUID eventId, RegistrationSettings settings);
}
