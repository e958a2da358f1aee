package dev.turnstile.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.turnstile.registration.TicketFiles;
import dev.turnstile.testing.PresignedUrls;
import dev.turnstile.testing.TestS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The S3 adapter against the S3 stand-in, and its presigned links against SigV4 as S3 checks it. */
class S3TicketFilesTest {

    private static final String ACCESS_KEY = S3TicketFiles.LOCAL_ACCESS_KEY_ID;
    private static final String SECRET = S3TicketFiles.LOCAL_SECRET_KEY;

    private final S3TicketFiles files = TestS3.ticketFiles();
    private final HttpClient http = HttpClient.newHttpClient();

    private static String key() {
        return "tickets/" + UUID.randomUUID() + "/" + UUID.randomUUID() + "/" + UUID.randomUUID() + "/abc123.pdf";
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.7\n" + text + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void givenAStoredPdf_whenItsLinkIsFollowed_thenThePdfComesBackAsAPdfDownload() throws Exception {
        String key = key();
        assertThat(files.exists(key)).isFalse();

        files.store(key, pdf("one"), "tickets-ABC123.pdf");
        assertThat(files.exists(key)).isTrue();

        TicketFiles.Link link = files.link(key, Duration.ofMinutes(15));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(link.url()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(pdf("one"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"tickets-ABC123.pdf\"");
        assertThat(response.headers().firstValue("x-amz-server-side-encryption")).hasValue("AES256");
    }

    @Test
    void aLinkCarriesItsExpiryAndSignatureAndExpiresWhenItSays() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TicketFiles.Link link = files.link(key(), Duration.ofMinutes(15));

        var query = PresignedUrls.query(link.url());
        assertThat(query).containsEntry("X-Amz-Expires", "900").containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-SignedHeaders", "host").containsKeys("X-Amz-Date", "X-Amz-Credential", "X-Amz-Signature");
        assertThat(link.expiresAt()).isEqualTo(PresignedUrls.expiresAt(link.url()))
                .isCloseTo(before.plus(Duration.ofMinutes(15)), within(5, ChronoUnit.SECONDS));

        assertThat(PresignedUrls.valid(link.url(), ACCESS_KEY, SECRET, Instant.now())).isTrue();
        assertThat(PresignedUrls.valid(link.url(), ACCESS_KEY, SECRET, link.expiresAt().minusSeconds(1))).isTrue();
        assertThat(PresignedUrls.valid(link.url(), ACCESS_KEY, SECRET, link.expiresAt())).isFalse();
    }

    @Test
    void aTamperedLinkFailsItsSignature() {
        String key = key();
        URI url = files.link(key, Duration.ofMinutes(15)).url();
        Instant now = Instant.now();

        // a longer life, another object (another registration's PDF), other credentials: all refused
        assertThat(PresignedUrls.valid(PresignedUrls.withParameter(url, "X-Amz-Expires", "604800"), ACCESS_KEY, SECRET, now))
                .isFalse();
        String otherObject = url.getRawPath().replace("abc123.pdf", "abc124.pdf");
        assertThat(PresignedUrls.valid(PresignedUrls.withPath(url, otherObject), ACCESS_KEY, SECRET, now)).isFalse();
        assertThat(PresignedUrls.valid(url, ACCESS_KEY, "another-secret", now)).isFalse();
        assertThat(PresignedUrls.valid(url, ACCESS_KEY, SECRET, now)).isTrue();
    }

    @Test
    void theExpiryIsWhatTheCallerAsked() {
        TicketFiles.Link shortLink = files.link(key(), Duration.ofMinutes(1));
        TicketFiles.Link longLink = files.link(key(), Duration.ofDays(7));

        assertThat(PresignedUrls.query(shortLink.url())).containsEntry("X-Amz-Expires", "60");
        assertThat(PresignedUrls.query(longLink.url())).containsEntry("X-Amz-Expires", "604800");
        assertThat(Duration.between(shortLink.expiresAt(), longLink.expiresAt()))
                .isCloseTo(Duration.ofDays(7).minusMinutes(1), Duration.ofSeconds(5));
    }
}
