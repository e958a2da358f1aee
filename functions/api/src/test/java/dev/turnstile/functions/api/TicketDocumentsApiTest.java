package dev.turnstile.functions.api;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.identity.Principal;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.ticketcode.TicketCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed codes on issued tickets, their QR images and PDF tickets, read back as a scanner would. */
class TicketDocumentsApiTest extends ApiTestSupport {

    final Principal owner = TestTokens.newUser("Otto");
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

    @Test
    void givenAFreshEvent_whenItsFirstRegistrationsArriveAtOnce_thenOneKeyIsCreated_andEveryoneGetsCodes() throws Exception {
        for (int round = 0; round < 6; round++) {
            firstRegistrationsAtOnce();
        }
    }

    private void firstRegistrationsAtOnce() throws Exception {
        // one ticket type per buyer: registrations of different types do not queue on one type's row lock
        String freshEvent = createEvent(owner, orgId);
        String[] types = new String[8];
        for (int i = 0; i < 8; i++) {
            types[i] = createTicketType(owner, orgId, freshEvent, "Type " + i, 0, 10);
        }
        assertThat(call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", freshEvent)).status()).isEqualTo(200);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var gate = new java.util.concurrent.CountDownLatch(1);
        var answers = new java.util.ArrayList<java.util.concurrent.Future<Response>>();
        for (int i = 0; i < 8; i++) {
            Principal buyer = TestTokens.newUser("Racer" + i);
            String type = types[i];
            answers.add(pool.submit(() -> {
                gate.await();
                return call(as(buyer, REGISTER).path("eventId", freshEvent).json(oneTicket(type, buyer.name())));
            }));
        }
        gate.countDown();
        var keyIds = new java.util.HashSet<Integer>();
        for (var answer : answers) {
            Response r = answer.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            keyIds.add(TicketCode.parse(r.body().get("tickets").get(0).get("qrCode").asText()).orElseThrow().code().keyId());
        }
        pool.shutdown();

        assertThat(keyIds).containsExactly(1);
        assertThat(count("SELECT count(*) FROM ticket_signing_keys WHERE event_id = ?::uuid", freshEvent)).isEqualTo(1);
    }

    @Test
    void givenAFreeRegistration_whenItsPdfIsRenderedAndScanned_thenTheQrCarriesASignatureTheEventsPublicKeyVerifies()
            throws Exception {
        JsonNode registration = call(as(ann, REGISTER).path("eventId", eventId).json("""
                {"tickets": [{"ticketTypeId": "%1$s", "attendeeName": "Ann Müller"}, {"ticketTypeId": "%1$s", "attendeeName": "李雷"}]}"""
                .formatted(typeId))).body();
        String registrationId = registration.get("id").asText();

        APIGatewayProxyResponseEvent pdf = raw(as(ann, DOWNLOAD_MY_TICKETS).path("registrationId", registrationId));

        assertThat(pdf.getStatusCode()).isEqualTo(200);
        assertThat(pdf.getHeaders().get("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.getIsBase64Encoded()).isTrue();
        try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode(pdf.getBody()))) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            for (int page = 0; page < 2; page++) {
                // as a phone camera would see the printed page: 300 dpi, and the reader trying hard
                String scanned = dev.turnstile.testing.QrCodes.readFromPage(document, page);

                JsonNode ticket = registration.get("tickets").get(page);
                assertThat(scanned).isEqualTo(ticket.get("qrCode").asText());
                TicketCode.Signed signed = TicketCode.parse(scanned).orElseThrow();
                assertThat(signed.code().ticketId()).isEqualTo(UUID.fromString(ticket.get("id").asText()));
                assertThat(signed.code().eventId()).isEqualTo(UUID.fromString(eventId));
                assertThat(signed.verifiedBy(publicKey(signed.code().keyId()))).isTrue();
            }
        }
    }

    @Test
    void givenAnIssuedTicket_thenItsQrComesAsPngOrSvg_andDecodesToItsCode() throws Exception {
        JsonNode registration = call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann"))).body();
        String ticketId = registration.get("tickets").get(0).get("id").asText();

        APIGatewayProxyResponseEvent png = raw(as(ann, GET_MY_TICKET_QR).path("registrationId", registration.get("id").asText())
                .path("ticketId", ticketId));
        APIGatewayProxyResponseEvent svg = raw(as(ann, GET_MY_TICKET_QR).path("registrationId", registration.get("id").asText())
                .path("ticketId", ticketId).query("format", "svg"));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.getBody())));
        String scanned = dev.turnstile.testing.QrCodes.readFromImage(image);
        assertThat(scanned).isEqualTo(registration.get("tickets").get(0).get("qrCode").asText());
        assertThat(svg.getHeaders().get("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(new String(Base64.getDecoder().decode(svg.getBody()))).startsWith("<svg");
        Response other = call(as(TestTokens.newUser("Eve"), GET_MY_TICKET_QR)
                .path("registrationId", registration.get("id").asText()).path("ticketId", ticketId));
        assertThat(other.status()).isEqualTo(404);
    }

    @Test
    void givenAReissue_thenTheTicketGetsANewerCode_andAfterARotationNewCodesUseTheNewKey() throws Exception {
        JsonNode registration = call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann"))).body();
        String registrationId = registration.get("id").asText();
        JsonNode ticket = registration.get("tickets").get(0);

        Response rotated = call(as(owner, ROTATE_SIGNING_KEY).path("orgId", orgId).path("eventId", eventId));
        Response reissued = call(as(owner, REISSUE_TICKET).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId).path("ticketId", ticket.get("id").asText()));

        assertThat(rotated.body().get("keyId").asInt()).isEqualTo(2);
        JsonNode fresh = reissued.body().get("tickets").get(0);
        assertThat(fresh.get("codeVersion").asInt()).isEqualTo(2);
        assertThat(fresh.get("qrCode").asText()).isNotEqualTo(ticket.get("qrCode").asText());
        TicketCode.Signed signed = TicketCode.parse(fresh.get("qrCode").asText()).orElseThrow();
        assertThat(signed.code().keyId()).isEqualTo(2);
        assertThat(signed.code().codeVersion()).isEqualTo(2);
        assertThat(signed.verifiedBy(publicKey(2))).isTrue();
        // the retired key still verifies what it signed; the scanner refuses it for its old version
        TicketCode.Signed old = TicketCode.parse(ticket.get("qrCode").asText()).orElseThrow();
        assertThat(old.verifiedBy(publicKey(1))).isTrue();
        assertThat(old.code().codeVersion()).isEqualTo(1);
        JsonNode keys = call(as(owner, LIST_SIGNING_KEYS).path("orgId", orgId).path("eventId", eventId)).body();
        assertThat(keys.get("items").findValuesAsText("keyId")).containsExactly("2", "1");
        assertThat(keys.toString()).doesNotContain("rivate").doesNotContain("sealed");
    }

    @Test
    void givenAPendingRegistration_thenItHasNoCodesYet_andNoPdf() {
        String[] paid = publishedEvent(owner, orgId, 1500, 5);
        JsonNode pending = call(as(ann, REGISTER).path("eventId", paid[0]).json(oneTicket(paid[1], "Ann"))).body();

        assertThat(pending.get("tickets").get(0).get("qrCode").isNull()).isTrue();
        Response pdf = call(as(ann, DOWNLOAD_MY_TICKETS).path("registrationId", pending.get("id").asText()));
        assertThat(pdf.status()).isEqualTo(409);
        assertThat(pdf.code()).isEqualTo("tickets_not_issued");
    }

    @Test
    void givenTheOrganizer_thenTheyCanPrintTheTickets_butNotAnotherOrganizationsMember() {
        String registrationId = call(as(ann, REGISTER).path("eventId", eventId).json(oneTicket(typeId, "Ann"))).body()
                .get("id").asText();

        APIGatewayProxyResponseEvent pdf = raw(as(owner, DOWNLOAD_TICKETS).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId));
        Principal stranger = TestTokens.newUser("Stranger");
        createOrg(stranger);
        Response refused = call(as(stranger, DOWNLOAD_TICKETS).path("orgId", orgId).path("eventId", eventId)
                .path("registrationId", registrationId));

        assertThat(pdf.getStatusCode()).isEqualTo(200);
        assertThat(new String(Base64.getDecoder().decode(pdf.getBody()), java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("%PDF");
        assertThat(refused.status()).isEqualTo(404);
    }

    private PublicKey publicKey(int keyId) throws Exception {
        JsonNode keys = call(as(owner, LIST_SIGNING_KEYS).path("orgId", orgId).path("eventId", eventId)).body().get("items");
        for (JsonNode k : keys) {
            if (k.get("keyId").asInt() == keyId) {
                return KeyFactory.getInstance("Ed25519").generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(k.get("publicKey").asText())));
            }
        }
        throw new AssertionError("No key " + keyId);
    }

    private static APIGatewayProxyResponseEvent raw(ApiCall call) {
        var event = call.event();
        var handler = event.getResource().startsWith("/v1/me")
                ? new RegistrationsFunction(services) : new RegistrationAdminFunction(services);
        return handler.handleRequest(event, null);
    }
}
