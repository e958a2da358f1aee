package dev.turnstile.identity;

import java.util.Objects;
import java.util.UUID;

/**
 * The verified caller: the identity provider's subject, e-mail (and whether the provider verified
 * it) and display name.
 */
public record Principal(UUID userId, String email, String name, boolean emailVerified) {

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        name = name == null || name.isBlank() ? email : name;
    }

    public Principal(UUID userId, String email, String name) {
        this(userId, email, name, false);
    }
}
