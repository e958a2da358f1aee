package dev.turnstile.identity;

import java.util.Objects;
import java.util.UUID;

/** The verified caller: the identity provider's subject, e-mail and display name. */
public record Principal(UUID userId, String email, String name) {

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        name = name == null || name.isBlank() ? email : name;
    }
}
