package dev.turnstile.event;

/** Where an event is in its life, derived from its timestamps. */
public enum EventStatus {
    DRAFT, PUBLISHED, ARCHIVED, DELETED
}
