package dev.turnstile.registration;

import java.time.Duration;

/**
 * Hands out a registration's ticket PDF as an expiring link: renders and stores it the first time
 * (or when what it prints has changed, see {@link TicketPdfKey}), reuses the stored one otherwise,
 * and signs a download link valid for the configured time.
 */
public final class TicketPdfLinks {

    /** SigV4 presigned URLs live at most 7 days; below a minute a slow phone cannot follow one. */
    public static final Duration MIN_VALIDITY = Duration.ofMinutes(1);
    public static final Duration MAX_VALIDITY = Duration.ofDays(7);
    public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(15);

    private final TicketRenderer renderer;
    private final TicketFiles files;
    private final Duration validFor;

    private TicketPdfLinks(TicketRenderer renderer, TicketFiles files, Duration validFor) {
        if (validFor.compareTo(MIN_VALIDITY) < 0 || validFor.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("A ticket link must be valid for between " + MIN_VALIDITY + " and "
                    + MAX_VALIDITY + ", not " + validFor);
        }
        this.renderer = renderer;
        this.files = files;
        this.validFor = validFor;
    }

    /** Links valid for {@code validFor}; fails at start-up on a validity S3 would not honour. */
    public static TicketPdfLinks of(TicketRenderer renderer, TicketFiles files, Duration validFor) {
        return new TicketPdfLinks(renderer, files, validFor);
    }

    /** Outside any transaction: rendering and the object store take no database connection. */
    TicketFiles.Link linkFor(RegistrationSheets.Found found) {
        String key = TicketPdfKey.of(found.registration(), found.sheet());
        if (!files.exists(key)) {
            // two concurrent first requests both render and store the same content: harmless, last one wins
            files.store(key, renderer.pdf(found.sheet()),
                    "tickets-" + found.registration().confirmationNumber().replaceAll("[^A-Za-z0-9-]", "") + ".pdf");
        }
        return files.link(key, validFor);
    }
}
