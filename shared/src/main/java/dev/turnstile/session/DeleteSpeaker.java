package dev.turnstile.session;

import dev.turnstile.common.NotFound;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.UUID;

/** Removes a speaker and takes them off every session they were on. */
public final class DeleteSpeaker {

    private final OrgAccess access;
    private final SpeakerRepository speakers;

    public DeleteSpeaker(OrgAccess access, SpeakerRepository speakers) {
        this.access = access;
        this.speakers = speakers;
    }

    public void delete(Principal caller, UUID orgId, UUID speakerId) {
        access.write(caller, orgId, Role.ADMIN, () -> {
            if (!speakers.delete(speakerId)) {
                throw new NotFound("speaker", speakerId);
            }
            return null;
        });
    }
}
