package dev.turnstile.session;

import dev.turnstile.common.Check;
import dev.turnstile.common.Invalid;
import dev.turnstile.common.NotFound;
import dev.turnstile.event.EventRepository;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Replaces the speakers of a session, each with a role such as speaker or moderator. */
public final class SetSessionSpeakers {

    public record Assignment(UUID speakerId, String role) {
    }

    private final OrgAccess access;
    private final EventRepository events;
    private final SessionRepository sessions;
    private final SpeakerRepository speakers;

    public SetSessionSpeakers(OrgAccess access, EventRepository events, SessionRepository sessions,
                              SpeakerRepository speakers) {
        this.access = access;
        this.events = events;
        this.sessions = sessions;
        this.speakers = speakers;
    }

    public Session set(Principal caller, UUID orgId, UUID eventId, UUID sessionId, List<Assignment> assignments) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Check check = new Check().require(assignments.size() <= 50, "speakers", "must have at most 50 entries");
            Set<UUID> seen = new HashSet<>();
            for (int i = 0; i < assignments.size(); i++) {
                Assignment a = assignments.get(i);
                if (a == null) {
                    check.require(false, "speakers[" + i + "]", "must be an object with a speakerId");
                    continue;
                }
                if (check.present(a.speakerId(), "speakers[" + i + "].speakerId")) {
                    check.require(seen.add(a.speakerId()), "speakers[" + i + "].speakerId", "is listed twice");
                }
                if (a.role() != null) {
                    check.text(a.role(), "speakers[" + i + "].role", 50);
                }
            }
            check.orThrow();
            events.requireEditable(eventId);
            sessions.find(eventId, sessionId).orElseThrow(() -> new NotFound("session", sessionId));
            List<UUID> known = speakers.existing(seen);
            for (int i = 0; i < assignments.size(); i++) {
                if (!known.contains(assignments.get(i).speakerId())) {
                    throw new Invalid("speakers[" + i + "].speakerId", "is not a speaker of this organization");
                }
            }
            sessions.setSpeakers(orgId, sessionId, assignments.stream()
                    .map(a -> new SessionSpeaker(a.speakerId(), null, a.role() == null ? "speaker" : a.role().strip()))
                    .toList());
            return sessions.find(eventId, sessionId).orElseThrow();
        });
    }
}
