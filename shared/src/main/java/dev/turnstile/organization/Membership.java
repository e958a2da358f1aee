package dev.turnstile.organization;

import dev.turnstile.identity.Role;

/** An organization as one of its members sees it: with their role. */
public record Membership(Organization organization, Role role) {
}
