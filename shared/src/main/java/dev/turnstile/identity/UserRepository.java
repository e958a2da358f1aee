package dev.turnstile.identity;

public interface UserRepository {

    /** Records the caller as a user on first sight, and keeps e-mail and name current. */
    void ensure(Principal principal);
}
