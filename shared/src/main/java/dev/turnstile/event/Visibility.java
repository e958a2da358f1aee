package dev.turnstile.event;

/** Public events are listed on the organization's page; private ones only open by their link. */
public enum Visibility {
    PUBLIC, PRIVATE
}
