package dev.turnstile.event;

public enum EventType {
    IN_PERSON, ONLINE, HYBRID
}
