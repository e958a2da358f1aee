package dev.turnstile.invoice;

import dev.turnstile.common.NotFound;
import java.util.List;
import java.util.UUID;

/** Which of a registration's documents a download means. */
final class Invoices {

    private Invoices() {
    }

    static Invoice pick(List<Invoice> documents, UUID registrationId, Long number) {
        return documents.stream()
                .filter(i -> number == null ? i.kind() == Invoice.Kind.INVOICE : i.number() == number)
                .findFirst()
                .orElseThrow(() -> new NotFound("invoice", registrationId));
    }
}
