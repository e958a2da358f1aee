package dev.turnstile.session;

import java.util.UUID;

/** A speaker on a session, with their part in it (speaker, moderator, panelist...). */
public record SessionSpeaker(UUID speakerId, String name, String role) {
}
