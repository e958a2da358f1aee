package dev.turnstile.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketPdfKeyTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID EVENT = UUID.randomUUID();
    private static final UUID REGISTRATION = UUID.randomUUID();

    private static Registration registration() {
        return new Registration(REGISTRATION, ORG, EVENT, UUID.randomUUID(), "K7M2Q9", RegistrationStatus.CONFIRMED,
                "EUR", 0, 0, 0, null, "Ada", "ada@example.com", null, Instant.EPOCH, Instant.EPOCH, null, null, List.of());
    }

    private static TicketSheet sheet(String qrCode, String attendee) {
        return new TicketSheet("Org", "#123456", "DevConf", Instant.parse("2027-03-01T09:00:00Z"),
                Instant.parse("2027-03-02T17:00:00Z"), "Europe/Berlin", "Messe", null, null, "K7M2Q9",
                List.of(new TicketSheet.Page(attendee, "General", qrCode, "T-1")));
    }

    @Test
    void theKeyIsScopedToTheOrganizationEventAndRegistration() {
        assertThat(TicketPdfKey.of(registration(), sheet("code-v1", "Ada")))
                .matches("tickets/" + ORG + "/" + EVENT + "/" + REGISTRATION + "/[0-9a-f]{32}\\.pdf");
    }

    @Test
    void givenTheSameSheet_thenTheSameKey_soTheStoredPdfIsReused() {
        assertThat(TicketPdfKey.of(registration(), sheet("code-v1", "Ada")))
                .isEqualTo(TicketPdfKey.of(registration(), sheet("code-v1", "Ada")));
    }

    @Test
    void givenAReissuedCodeOrAnyChangedLine_thenAnotherKey() {
        String v1 = TicketPdfKey.of(registration(), sheet("code-v1", "Ada"));
        assertThat(TicketPdfKey.of(registration(), sheet("code-v2", "Ada"))).isNotEqualTo(v1);
        assertThat(TicketPdfKey.of(registration(), sheet("code-v1", "Ada L."))).isNotEqualTo(v1);
    }
}
