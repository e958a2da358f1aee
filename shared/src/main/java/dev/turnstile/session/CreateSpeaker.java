package dev.turnstile.session;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

public final class CreateSpeaker {

    private final OrgAccess access;
    private final SpeakerRepository speakers;
    private final Clock clock;

    public CreateSpeaker(OrgAccess access, SpeakerRepository speakers, Clock clock) {
        this.access = access;
        this.speakers = speakers;
        this.clock = clock;
    }

    public Speaker create(Principal caller, UUID orgId, Speaker.Details d) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            SessionRules.validate(d);
            var now = clock.instant();
            Speaker speaker = new Speaker(UUID.randomUUID(), orgId, d.name().strip(), d.title(), d.bio(), d.photoUrl(),
                    d.email(), d.socialLinks() == null ? Map.of() : d.socialLinks(), now, now);
            speakers.insert(speaker);
            return speakers.find(speaker.id()).orElseThrow();
        });
    }
}
