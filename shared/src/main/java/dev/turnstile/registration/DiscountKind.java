package dev.turnstile.registration;

public enum DiscountKind {
    PERCENT, FIXED
}
