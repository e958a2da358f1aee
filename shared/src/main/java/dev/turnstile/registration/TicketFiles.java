package dev.turnstile.registration;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Where rendered ticket PDFs are kept and how they are handed out: an object store (S3 in AWS, its
 * stand-in locally) and links that anyone holding them may follow until they expire. Keys come from
 * {@link TicketPdfKey}; they are tenant-scoped and name one version of a registration's tickets.
 */
public interface TicketFiles {

    /** Whether a PDF is stored under the key. */
    boolean exists(String key);

    /** Stores a PDF under the key, encrypted at rest, offered to browsers as {@code fileName}. */
    void store(String key, byte[] pdf, String fileName);

    /** A link that downloads the object under the key, valid for {@code validFor} from now. */
    Link link(String key, Duration validFor);

    /**
     * For a host that serves no ticket-link route: any use is a wiring mistake (the catalogue entry of
     * a function that serves one names {@code Resource.TICKET_FILES}), reported as such.
     */
    static TicketFiles none() {
        return new TicketFiles() {
            @Override
            public boolean exists(String key) {
                throw notConfigured();
            }

            @Override
            public void store(String key, byte[] pdf, String fileName) {
                throw notConfigured();
            }

            @Override
            public Link link(String key, Duration validFor) {
                throw notConfigured();
            }

            private IllegalStateException notConfigured() {
                return new IllegalStateException("This function has no ticket files: its catalogue entry does not "
                        + "name Resource.TICKET_FILES");
            }
        };
    }

    /** A presigned download link and the instant it stops working. */
    record Link(URI url, Instant expiresAt) {
    }
}
