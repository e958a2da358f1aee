package dev.turnstile.session;

import static dev.turnstile.common.Patch.or;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

public final class UpdateSpeaker {

    private final OrgAccess access;
    private final SpeakerRepository speakers;

    public UpdateSpeaker(OrgAccess access, SpeakerRepository speakers) {
        this.access = access;
        this.speakers = speakers;
    }

    public Speaker update(Principal caller, UUID orgId, UUID speakerId, Speaker.Details changes) {
        return access.write(caller, orgId, Role.ADMIN, () -> {
            Speaker s = speakers.find(speakerId).orElseThrow(() -> new NotFound("speaker", speakerId));
            Speaker.Details merged = new Speaker.Details(or(changes.name(), s.name()), or(changes.title(), s.title()),
                    or(changes.bio(), s.bio()), or(changes.photoUrl(), s.photoUrl()), or(changes.email(), s.email()),
                    or(changes.socialLinks(), s.socialLinks()));
            SessionRules.validate(merged);
            speakers.update(new Speaker(s.id(), s.orgId(), merged.name().strip(), merged.title(), merged.bio(),
                    merged.photoUrl(), merged.email(), merged.socialLinks(), s.createdAt(), s.updatedAt()));
            return speakers.find(speakerId).orElseThrow();
        });
    }
}
