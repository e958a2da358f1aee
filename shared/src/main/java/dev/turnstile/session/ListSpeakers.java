package dev.turnstile.session;

import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import dev.turnstile.tenancy.OrgAccess;
import java.util.List;
import java.util.UUID;

public final class ListSpeakers {

    private final OrgAccess access;
    private final SpeakerRepository speakers;

    public ListSpeakers(OrgAccess access, SpeakerRepository speakers) {
        this.access = access;
        this.speakers = speakers;
    }

    /** @param text filters names (case-insensitive substring); null lists all */
    public List<Speaker> list(Principal caller, UUID orgId, String text) {
        return access.read(caller, orgId, Role.STAFF, () -> speakers.list(text));
    }
}
