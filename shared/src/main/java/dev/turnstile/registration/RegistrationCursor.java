package dev.turnstile.registration;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Opaque cursors for the registration list: the creation time and id of a page's last entry. */
public final class RegistrationCursor {

    private RegistrationCursor() {
    }

    public static String encode(RegistrationQuery.Position position) {
        String raw = position.createdAt() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty if the text is not a cursor this API handed out. */
    public static Optional<RegistrationQuery.Position> decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return Optional.of(new RegistrationQuery.Position(Instant.parse(raw.substring(0, bar)),
                    UUID.fromString(raw.substring(bar + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
