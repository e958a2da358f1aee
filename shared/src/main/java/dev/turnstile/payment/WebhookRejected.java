package dev.turnstile.payment;

/** A webhook delivery that does not verify: answered 400, and nothing changes. */
public final class WebhookRejected extends RuntimeException {

    private final String header;

    public WebhookRejected(String header, String reason) {
        super(reason, null, false, false);
        this.header = header;
    }

    /** The header whose value did not verify. */
    public String header() {
        return header;
    }
}
