package dev.turnstile.adapters.render;

import dev.turnstile.invoice.Invoice;
import dev.turnstile.invoice.InvoiceRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Invoices and credit notes as A4 PDFs with PDFBox (the library the tickets use): seller, buyer,
 * number and date, one row per line with its net, tax rate, tax and gross, and the totals.
 * Amounts are printed from integer minor units with the currency's ISO exponent, never through
 * floating point.
 */
public final class PdfboxInvoiceRenderer implements InvoiceRenderer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @Override
    public byte[] pdf(Invoice invoice) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            float height = page.getMediaBox().getHeight();
            String title = invoice.kind() == Invoice.Kind.INVOICE ? "Invoice" : "Credit note";
            try (PDPageContentStream s = new PDPageContentStream(document, page)) {
                float y = height - 60;
                text(s, bold, 18, 50, y, title + " " + invoice.displayNumber());
                y -= 20;
                text(s, regular, 10, 50, y, "Date: " + DATE.format(invoice.issuedAt()));
                y -= 30;
                text(s, bold, 10, 50, y, "From");
                text(s, bold, 10, 300, y, "To");
                y -= 14;
                text(s, regular, 10, 50, y, String.valueOf(invoice.seller().getOrDefault("name", "")));
                text(s, regular, 10, 300, y, String.valueOf(invoice.buyer().getOrDefault("name", "")));
                y -= 14;
                text(s, regular, 10, 300, y, String.valueOf(invoice.buyer().getOrDefault("email", "")));
                y -= 14;
                text(s, regular, 10, 300, y, "Order " + invoice.buyer().getOrDefault("confirmationNumber", ""));
                y -= 30;
                text(s, bold, 9, 50, y, "Item");
                text(s, bold, 9, 300, y, "Net");
                text(s, bold, 9, 370, y, "Tax rate");
                text(s, bold, 9, 430, y, "Tax");
                text(s, bold, 9, 490, y, "Total");
                for (Invoice.Line line : invoice.lines()) {
                    y -= 14;
                    if (y < 80) {
                        break; // a registration has at most a few dozen tickets; the totals below stay exact
                    }
                    text(s, regular, 9, 50, y, clip(line.description(), 50));
                    text(s, regular, 9, 300, y, money(line.netMinor(), invoice.currency()));
                    text(s, regular, 9, 370, y, percent(line.taxRatePpm()) + (line.taxInclusive() ? " incl." : ""));
                    text(s, regular, 9, 430, y, money(line.taxMinor(), invoice.currency()));
                    text(s, regular, 9, 490, y, money(line.grossMinor(), invoice.currency()));
                }
                y -= 30;
                text(s, regular, 10, 370, y, "Net");
                text(s, regular, 10, 490, y, money(invoice.netMinor(), invoice.currency()));
                y -= 14;
                text(s, regular, 10, 370, y, "Tax");
                text(s, regular, 10, 490, y, money(invoice.taxMinor(), invoice.currency()));
                y -= 14;
                text(s, bold, 10, 370, y, invoice.kind() == Invoice.Kind.INVOICE ? "Total paid" : "Total credited");
                text(s, bold, 10, 490, y, money(invoice.grossMinor(), invoice.currency()) + " " + invoice.currency());
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String money(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    static String percent(int ppm) {
        return BigDecimal.valueOf(ppm, 4).stripTrailingZeros().toPlainString() + " %";
    }

    private static String clip(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max - 1) + "...";
    }

    private static void text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        // the standard fonts speak WinAnsi only: anything else prints as '?' rather than failing the invoice
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                safe.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                safe.append('?');
            }
        });
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(safe.toString());
        s.endText();
    }
}
