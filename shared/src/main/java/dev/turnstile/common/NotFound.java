package dev.turnstile.common;

/**
 * The thing does not exist, or the caller may not know it exists: a non-member asking for an
 * organization's data gets this, not {@link Forbidden}, so that ids cannot be probed.
 */
public final class NotFound extends DomainException {

    public NotFound(String resource, Object id) {
        super(resource.replace(' ', '_') + "_not_found", "No " + resource + " with id " + id);
    }

    public NotFound(String code, String detail) {
        super(code, detail);
    }
}
