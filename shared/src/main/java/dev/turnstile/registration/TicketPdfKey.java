package dev.turnstile.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The object key of a registration's ticket PDF (docs/ticket-codes.md, "Stored PDFs"):
 * <pre>
 *   tickets/{orgId}/{eventId}/{registrationId}/{fingerprint}.pdf
 * </pre>
 * Tenant-scoped by its first segments, so an IAM condition or a lifecycle rule can name one
 * organization's files. The fingerprint is a SHA-256 (first 128 bits, hex) over everything the PDF
 * prints, the signed codes included, and each code carries its ticket id and code version: reissuing a
 * ticket, cancelling one, renaming an attendee or moving the event gives a new key, so a stored PDF is
 * reused only while it is still exactly what would be rendered now, and an older link names an object
 * that is no longer current.
 */
public final class TicketPdfKey {

    private TicketPdfKey() {
    }

    public static String of(Registration registration, TicketSheet sheet) {
        return "tickets/" + registration.orgId() + "/" + registration.eventId() + "/" + registration.id() + "/"
                + fingerprint(sheet) + ".pdf";
    }

    static String fingerprint(TicketSheet sheet) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        // fields length-prefixed: no two different sheets read as the same bytes
        field(sha256, "sheet/1");
        field(sha256, sheet.organizerName());
        field(sha256, sheet.brandColor());
        field(sha256, sheet.eventTitle());
        field(sha256, String.valueOf(sheet.startsAt()));
        field(sha256, String.valueOf(sheet.endsAt()));
        field(sha256, sheet.timeZone());
        field(sha256, sheet.venue());
        field(sha256, sheet.address());
        field(sha256, sheet.joinUrl());
        field(sha256, sheet.confirmationNumber());
        for (TicketSheet.Page page : sheet.pages()) {
            field(sha256, page.attendeeName());
            field(sha256, page.ticketTypeName());
            field(sha256, page.qrCode());
            field(sha256, page.ticketCode());
        }
        byte[] digest = sha256.digest();
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static void field(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
