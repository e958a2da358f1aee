package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.turnstile.adapters.s3.S3TicketFiles;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.PresignedUrls;
import dev.turnstile.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PDF tickets handed out as presigned, expiring links: through the Lambda handlers, stored in the S3
 * stand-in, fetched with a plain HTTP client as a browser would follow the link.
 */
class TicketLinksApiTest extends ApiTestSupport {

    private static final HttpClient http = HttpClient.newHttpClient();

    final Principal owner = TestTokens.newUser("Olga");
    final Principal ann = TestTokens.newUser("Ann");
    String orgId;
    String eventId;
    String typeId;

    @BeforeEach
    void aFreeEvent() {
        orgId = createOrg(owner);
        String[] e = publishedEvent(owner, orgId, 0, 10);
        eventId = e[0];
        typeId = e[1];
    }

    private JsonNode register(Principal attendee, String name) {
        Response r = call(as(attendee, REGISTER).path("eventId", eventId).json(oneTicket(typeId, name)));
        assertThat(r.status()).isEqualTo(201);
        return r.body();
    }

    private static HttpResponse<byte[]> follow(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void givenAConfirmedRegistration_whenTheAttendeeAsksForALink_thenFollowingItDownloadsTheirPdfWithItsQr()
            throws Exception {
        JsonNode registration = register(ann, "Ann Müller");
        String registrationId = registration.get("id").asText();
        Instant asked = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Response link = call(as(ann, LINK_MY_TICKETS).path("registrationId", registrationId));

        assertThat(link.status()).isEqualTo(200);
        assertThat(link.header("Cache-Control")).isEqualTo("no-store"); // the link is a credential: no cache keeps it
        URI url = URI.create(link.body().get("url").asText());
        Instant expiresAt = Instant.parse(link.body().get("expiresAt").asText());
        assertThat(expiresAt).isCloseTo(asked.plus(Duration.ofMinutes(15)), within(5, ChronoUnit.SECONDS));
        assertThat(url.getRawPath()).startsWith("/" + dev.turnstile.testing.TestS3.TICKETS_BUCKET + "/tickets/" + orgId + "/"
                + eventId + "/" + registrationId + "/");
        assertThat(PresignedUrls.query(url)).containsEntry("X-Amz-Expires", "900").containsKey("X-Amz-Signature");
        assertThat(PresignedUrls.expiresAt(url)).isEqualTo(expiresAt);

        HttpResponse<byte[]> pdf = follow(url);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            String scanned = dev.turnstile.testing.QrCodes.readFromPage(document, 0);
            assertThat(scanned).isEqualTo(registration.get("tickets").get(0).get("qrCode").asText());
        }
    }

    @Test
    void givenAnUnchangedRegistration_thenTheStoredPdfIsReused_andAReissueNamesAnotherObject() throws Exception {
        JsonNode registration = register(ann, "Ann");
        String registrationId = registration.get("id").asText();
        String ticketId = registration.get("tickets").get(0).get("id").asText();

        URI first = URI.create(call(as(ann, LINK_MY_TICKETS).path("registrationId", registrationId)).body().get("url").asText());
        String firstModified = follow(first).headers().firstValue("Last-Modified").orElseThrow();
        Thread.sleep(1_100); // Last-Modified counts seconds: a second upload would show
        URI again = URI.create(call(as(ann, LINK_MY_TICKETS).path("registrationId", registrationId)).body().get("url").asText());
        assertThat(again.getRawPath()).isEqualTo(first.getRawPath());
        assertThat(follow(again).headers().firstValue("Last-Modified")).hasValue(firstModified);

        Response reissued = call(as(owner, REISSUE_TICKET).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId).path("ticketId", ticketId));
        assertThat(reissued.status()).isEqualTo(200);
        URI afterReissue = URI.create(call(as(ann, LINK_MY_TICKETS).path("registrationId", registrationId)).body()
                .get("url").asText());

        assertThat(afterReissue.getRawPath()).isNotEqualTo(first.getRawPath());
        try (PDDocument document = Loader.loadPDF(follow(afterReissue).body())) {
            String scanned = dev.turnstile.testing.QrCodes.readFromPage(document, 0);
            assertThat(scanned).isEqualTo(reissued.body().get("tickets").get(0).get("qrCode").asText());
        }
    }

    @Test
    void givenTheOrganizersStaff_thenTheyGetALink_butAnotherOrganizationsMemberAndAnotherAttendeeGetNone() throws Exception {
        String registrationId = register(ann, "Ann").get("id").asText();
        Principal staff = TestTokens.newUser("Stan");
        addMember(orgId, staff, "staff");
        Principal stranger = TestTokens.newUser("Stranger");
        createOrg(stranger);
        Principal eve = TestTokens.newUser("Eve");

        Response organizers = call(as(staff, LINK_TICKETS).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId));
        Response otherOrg = call(as(stranger, LINK_TICKETS).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId));
        Response otherAttendee = call(as(eve, LINK_MY_TICKETS).path("registrationId", registrationId));
        Response wrongEvent = call(as(owner, LINK_TICKETS).path("orgId", orgId)
                .path("eventId", publishedEvent(owner, orgId, 0, 5)[0]).path("registrationId", registrationId));

        assertThat(organizers.status()).isEqualTo(200);
        assertThat(follow(URI.create(organizers.body().get("url").asText())).statusCode()).isEqualTo(200);
        for (Response refused : new Response[] {otherOrg, otherAttendee, wrongEvent}) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(refused.body().has("url")).isFalse();
        }
    }

    @Test
    void givenAPendingRegistration_orAMalformedId_thenNoLink() {
        String[] paid = publishedEvent(owner, orgId, 1500, 5);
        JsonNode pending = call(as(ann, REGISTER).path("eventId", paid[0]).json(oneTicket(paid[1], "Ann"))).body();

        Response link = call(as(ann, LINK_MY_TICKETS).path("registrationId", pending.get("id").asText()));

        assertThat(link.status()).isEqualTo(409);
        assertThat(link.code()).isEqualTo("tickets_not_issued");
        // a malformed id names no registration, like every other path id of the API
        Response malformed = call(as(ann, LINK_MY_TICKETS).path("registrationId", "not-a-uuid"));
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void theHandedOutLinkIsSignedOverItsExpiry_soATamperedOrExpiredOneIsRefusedByS3sRules() {
        String registrationId = register(ann, "Ann").get("id").asText();
        Response link = call(as(ann, LINK_MY_TICKETS).path("registrationId", registrationId));
        URI url = URI.create(link.body().get("url").asText());
        Instant expiresAt = Instant.parse(link.body().get("expiresAt").asText());
        String key = S3TicketFiles.LOCAL_ACCESS_KEY_ID;
        String secret = S3TicketFiles.LOCAL_SECRET_KEY;

        assertThat(PresignedUrls.valid(url, key, secret, Instant.now())).isTrue();
        assertThat(PresignedUrls.valid(url, key, secret, expiresAt)).as("expired").isFalse();
        assertThat(PresignedUrls.valid(PresignedUrls.withParameter(url, "X-Amz-Expires", "604800"), key, secret,
                Instant.now())).as("longer life").isFalse();
    }
}
