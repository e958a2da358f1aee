package dev.turnstile.testing;

import dev.turnstile.adapters.s3.S3TicketFiles;
import dev.turnstile.standins.S3Mock;
import java.util.List;

/**
 * The S3 stand-in of a test JVM: one S3Mock, started on first use (a few seconds) and shared by every
 * test in the JVM, with the tickets bucket created. Tests isolate themselves by their keys, which
 * carry their own organizations' ids.
 */
public final class TestS3 {

    public static final String TICKETS_BUCKET = "turnstile-tickets-test";

    private static S3TicketFiles ticketFiles;

    private TestS3() {
    }

    public static S3Mock server() {
        return S3Mock.shared(List.of(TICKETS_BUCKET));
    }

    /** The S3 adapter on the stand-in's tickets bucket, built once like a Lambda builds it at init. */
    public static synchronized S3TicketFiles ticketFiles() {
        if (ticketFiles == null) {
            ticketFiles = S3TicketFiles.atEndpoint(server().endpoint(), TICKETS_BUCKET);
        }
        return ticketFiles;
    }
}
