package dev.turnstile.ticketcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class TicketCodeTest {

    final KeyPair key = ed25519();
    final TicketCode code = new TicketCode(3, UUID.randomUUID(), UUID.randomUUID(), 2);

    @Test
    void givenASignedCode_whenParsed_thenItCarriesItsFieldsAndVerifiesWithTheEventsKey() {
        String text = code.sign(key.getPrivate());

        TicketCode.Signed parsed = TicketCode.parse(text).orElseThrow();

        assertThat(parsed.code()).isEqualTo(code);
        assertThat(parsed.verifiedBy(key.getPublic())).isTrue();
        assertThat(parsed.verifiedBy(ed25519().getPublic())).as("another key").isFalse();
    }

    @Test
    void givenTheFormat_thenACodeIs152QrAlphanumericCharacters_andFitsAVersion7QrCodeAtLevelM() throws Exception {
        String text = code.sign(key.getPrivate());

        assertThat(text).hasSize(152).matches("[0-9A-Z $%*+\\-./:]+");
        var qr = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        assertThat(qr.getMode().name()).isEqualTo("ALPHANUMERIC");
        assertThat(qr.getVersion().getVersionNumber()).isLessThanOrEqualTo(7);
        assertThat(BarcodeFormat.QR_CODE).isNotNull();
    }

    @Test
    void givenAnyChangedCharacter_thenTheCodeNoLongerVerifies() {
        String text = code.sign(key.getPrivate());
        TicketCode.Verifier verifier = new TicketCode.Verifier(key.getPublic());
        assertThat(TicketCode.parse(text).orElseThrow().verifiedBy(verifier)).isTrue();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (int i = 0; i < 200; i++) {
            int at = ThreadLocalRandom.current().nextInt(text.length());
            char other = alphabet.charAt((alphabet.indexOf(text.charAt(at)) + 1 + ThreadLocalRandom.current().nextInt(44)) % 45);
            String tampered = text.substring(0, at) + other + text.substring(at + 1);
            assertThat(TicketCode.parse(tampered).map(s -> s.verifiedBy(key.getPublic())).orElse(false))
                    .as("tampered at %d", at).isFalse();
            assertThat(TicketCode.parse(tampered).map(s -> s.verifiedBy(verifier)).orElse(false))
                    .as("tampered at %d, the scan path's verifier", at).isFalse();
        }
    }

    @Test
    void givenOneVerifierReusedAcrossThreads_thenEachAnswerIsTheSameAsAFreshVerification() throws Exception {
        TicketCode.Verifier verifier = new TicketCode.Verifier(key.getPublic());
        String text = code.sign(key.getPrivate());
        String forged = new TicketCode(1, code.eventId(), UUID.randomUUID(), 1).sign(ed25519().getPrivate());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var answers = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
        for (int i = 0; i < 400; i++) {
            // a refusal must not leave a reused signature object in a state that changes the next answer
            String presented = i % 3 == 0 ? forged : text;
            answers.add(pool.submit(() -> TicketCode.parse(presented).orElseThrow().verifiedBy(verifier) == (presented == text)));
        }
        for (var answer : answers) {
            assertThat(answer.get()).isTrue();
        }
        pool.shutdown();
    }

    @Test
    void givenTextThatIsNoCode_thenParsingSaysSo() {
        assertThat(TicketCode.parse(null)).isEmpty();
        assertThat(TicketCode.parse("")).isEmpty();
        assertThat(TicketCode.parse("HELLO")).isEmpty();
        assertThat(TicketCode.parse("a".repeat(152))).isEmpty();
        assertThat(TicketCode.parse(":".repeat(152))).as("out-of-range Base45").isEmpty();
    }

    @Test
    void givenBase45_thenRoundTripsAnyBytes_andMatchesTheRfcExamples() {
        assertThat(Base45.encode("AB".getBytes())).isEqualTo("BB8");
        assertThat(Base45.encode("Hello!!".getBytes())).isEqualTo("%69 VD92EX0");
        assertThat(new String(Base45.decode("QED8WEX0"))).isEqualTo("ietf!");
        for (int n = 0; n < 50; n++) {
            byte[] bytes = new byte[n];
            ThreadLocalRandom.current().nextBytes(bytes);
            assertThat(Base45.decode(Base45.encode(bytes))).isEqualTo(bytes);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
