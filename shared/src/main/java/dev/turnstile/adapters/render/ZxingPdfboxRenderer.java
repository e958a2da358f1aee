package dev.turnstile.adapters.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.turnstile.registration.TicketRenderer;
import dev.turnstile.registration.TicketSheet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * QR codes with zxing (error correction M, quiet zone of 4 modules, as scanners expect) and PDF
 * tickets with PDFBox: A6 pages, the organizer's colour as a band, the event's date and time in
 * its own time zone, the attendee, the ticket type and the QR code.
 */
public final class ZxingPdfboxRenderer implements TicketRenderer {

    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, 4);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("z", Locale.ENGLISH);

    @Override
    public byte[] qrPng(String qrCode) {
        BitMatrix matrix = matrix(qrCode, 400);
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String qrSvg(String qrCode) {
        BitMatrix matrix = matrix(qrCode, 0); // one unit per module; the SVG scales
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + matrix.getWidth() + " " + matrix.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    @Override
    public byte[] pdf(TicketSheet sheet) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            ZoneId zone = ZoneId.of(sheet.timeZone());
            var start = sheet.startsAt().atZone(zone);
            var end = sheet.endsAt().atZone(zone);
            // a multi-day event shows its last day too, not just a time that reads like the first day's
            String when = WHEN.format(start) + " - "
                    + (start.toLocalDate().equals(end.toLocalDate()) ? UNTIL.format(end) : WHEN.format(end) + " " + ZONE.format(end));
            for (TicketSheet.Page ticket : sheet.pages()) {
                PDPage page = new PDPage(PDRectangle.A6);
                document.addPage(page);
                float width = page.getMediaBox().getWidth();
                float height = page.getMediaBox().getHeight();
                PDImageXObject qr = LosslessFactory.createFromImage(document, ImageIO.read(
                        new java.io.ByteArrayInputStream(qrPng(ticket.qrCode()))));
                try (PDPageContentStream s = new PDPageContentStream(document, page)) {
                    s.setNonStrokingColor(color(sheet.brandColor()));
                    s.addRect(0, height - 34, width, 34);
                    s.fill();
                    s.setNonStrokingColor(java.awt.Color.WHITE);
                    text(s, bold, 11, 14, height - 22, sheet.organizerName());
                    s.setNonStrokingColor(java.awt.Color.BLACK);
                    text(s, bold, 14, 14, height - 56, sheet.eventTitle());
                    text(s, regular, 9, 14, height - 72, when);
                    float y = height - 86;
                    if (sheet.venue() != null) {
                        text(s, regular, 9, 14, y, sheet.venue() + (sheet.address() == null ? "" : ", " + sheet.address()));
                        y -= 12;
                    }
                    if (sheet.joinUrl() != null) {
                        text(s, regular, 9, 14, y, "Online: " + sheet.joinUrl());
                        y -= 12;
                    }
                    text(s, bold, 11, 14, y - 6, ticket.attendeeName());
                    text(s, regular, 9, 14, y - 20, ticket.ticketTypeName() + "  |  " + sheet.confirmationNumber());
                    float size = Math.min(width - 40, y - 50);
                    s.drawImage(qr, (width - size) / 2, 24, size, size);
                    text(s, regular, 6, 14, 12, "Ticket " + ticket.ticketCode());
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BitMatrix matrix(String content, int size) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode a QR code for this content", e);
        }
    }

    private static void text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(winAnsi(text, font));
        s.endText();
    }

    /** The standard fonts speak WinAnsi only: anything else is shown as '?', never an error. */
    private static String winAnsi(String text, PDType1Font font) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static java.awt.Color color(String hex) {
        if (hex != null && hex.matches("#[0-9a-fA-F]{6}")) {
            return new java.awt.Color(Integer.parseInt(hex.substring(1), 16));
        }
        if (hex != null && hex.matches("#[0-9a-fA-F]{3}")) {
            int r = Integer.parseInt(hex.substring(1, 2), 16) * 17;
            int g = Integer.parseInt(hex.substring(2, 3), 16) * 17;
            int b = Integer.parseInt(hex.substring(3, 4), 16) * 17;
            return new java.awt.Color(r, g, b);
        }
        return new java.awt.Color(0x22, 0x22, 0x22);
    }
}
