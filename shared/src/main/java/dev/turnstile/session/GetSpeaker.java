package dev.turnstile.session;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

public final class GetSpeaker {

    private final OrgAccess access;
    private final SpeakerRepository speakers;

    public GetSpeaker(OrgAccess access, SpeakerRepository speakers) {
        this.access = access;
        this.speakers = speakers;
    }

    public Speaker get(Principal caller, UUID orgId, UUID speakerId) {
        return access.read(caller, orgId, Role.STAFF,
                () -> speakers.find(speakerId).orElseThrow(() -> new NotFound("speaker", speakerId)));
    }
}
