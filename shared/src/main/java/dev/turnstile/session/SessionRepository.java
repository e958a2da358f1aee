package dev.turnstile.session;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface SessionRepository {

    void insert(Session session);

    Optional<Session> find(UUID eventId, UUID sessionId);

    void update(Session session);

    List<Session> listForEvent(UUID eventId);

    /** Replaces the session's speakers with these (speaker id and role), billed in this order. */
    void setSpeakers(UUID orgId, UUID sessionId, List<SessionSpeaker> speakers);
}
