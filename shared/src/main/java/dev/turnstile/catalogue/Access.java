package dev.turnstile.catalogue;

/** Who may call a route. */
public enum Access {
    /** Anyone: public event pages. */
    PUBLIC,
    /** A caller with a valid bearer token; the route then checks membership and role itself. */
    AUTHENTICATED
}
