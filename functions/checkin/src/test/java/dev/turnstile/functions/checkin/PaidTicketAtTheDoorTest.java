package dev.turnstile.functions.checkin;

import static dev.turnstile.catalogue.ApiRoutes.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.turnstile.functions.api.ApiTestSupport;
import dev.turnstile.functions.api.PaymentWebhooksFunction;
import dev.turnstile.functions.api.PaymentsFunction;
import dev.turnstile.functions.api.RegistrationsFunction;
import dev.turnstile.identity.Principal;
import dev.turnstile.payment.PaymentProviders;
import dev.turnstile.testing.ApiCall;
import dev.turnstile.testing.StripeStub;
import dev.turnstile.testing.TestTokens;
import dev.turnstile.wiring.Services;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The "done means", end to end through the handlers: a ticket bought and paid (Stripe's
 * SDK against its stub, a signed webhook) comes out as a PDF whose QR, read back with zxing, checks
 * in at the door; scanned twice it gets 409 with who, when and where.
 */
class PaidTicketAtTheDoorTest extends ApiTestSupport {

    static final StripeStub stripe = new StripeStub();
    static final Services paying = new Services(db.app(), tokens.verifier(), door.ports(),
            PaymentProviders.of(List.of(stripe.provider(clock))), clock);
    static final PaymentsFunction payments = new PaymentsFunction(paying);
    static final PaymentWebhooksFunction webhooks = new PaymentWebhooksFunction(paying);
    static final RegistrationsFunction registrations = new RegistrationsFunction(paying);
    static final CheckInFunction checkIn = new CheckInFunction(paying);

    @AfterAll
    static void stopStub() {
        stripe.close();
    }

    @Test
    void givenAPaidTicket_whenItsPdfQrIsScanned_thenAdmittedOnce_andTheSecondScanSaysWhoWhenWhere() throws Exception {
        Principal owner = TestTokens.newUser("Owen");
        Principal ann = TestTokens.newUser("Ann");
        String orgId = createOrg(owner);
        String eventId = createEvent(owner, orgId, uniqueSlug("paid-door"), Instant.now().plus(Duration.ofHours(2)));
        String typeId = createTicketType(owner, orgId, eventId, "Standard", 4200, 10);
        assertThat(call(as(owner, PUBLISH_EVENT).path("orgId", orgId).path("eventId", eventId)).status()).isEqualTo(200);

        String registrationId = send(registrations, as(ann, REGISTER).path("eventId", eventId)
                .json(oneTicket(typeId, "Ann Paid"))).body().get("id").asText();
        String pi = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        stripe.createAnswers(pi, 4200);
        assertThat(send(payments, as(ann, START_PAYMENT).path("registrationId", registrationId)
                .json("{\"provider\": \"stripe\"}")).status()).isEqualTo(201);
        stripe.intentIs(pi, 4200, "succeeded", null);
        String payload = StripeStub.event("evt_" + pi, "payment_intent.succeeded", pi);
        Response hook = send(webhooks, ApiCall.to(STRIPE_WEBHOOK).json(payload)
                .header("Stripe-Signature", StripeStub.signature(payload, clock.instant(), StripeStub.WEBHOOK_SECRET)));
        assertThat(hook.status()).as("%s", hook).isEqualTo(200);

        APIGatewayProxyResponseEvent pdf = registrations.handleRequest(
                as(ann, DOWNLOAD_MY_TICKETS).path("registrationId", registrationId).event(), null);
        assertThat(pdf.getStatusCode()).isEqualTo(200);
        String scanned;
        try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode(pdf.getBody()))) {
            scanned = dev.turnstile.testing.QrCodes.readFromPage(document, 0);
        }

        Response first = send(checkIn, as(owner, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + scanned + "\", \"scanId\": \"door-1\", \"gate\": \"West\"}"));
        Response second = send(checkIn, as(owner, CHECK_IN).path("orgId", orgId).path("eventId", eventId)
                .json("{\"code\": \"" + scanned + "\", \"scanId\": \"door-2\", \"gate\": \"East\"}"));

        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.body().get("attendeeName").asText()).isEqualTo("Ann Paid");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("code").asText()).isEqualTo("already_checked_in");
        assertThat(second.body().get("checkIn").get("by").asText()).isEqualTo("Owen");
        assertThat(second.body().get("checkIn").get("gate").asText()).isEqualTo("West");
    }
}
