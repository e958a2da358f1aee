package dev.turnstile.common;

/** Partial updates: a field the request left out (null) keeps its current value. */
public final class Patch {

    private Patch() {
    }

    public static <T> T or(T change, T current) {
        return change != null ? change : current;
    }
}
