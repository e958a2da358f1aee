package dev.turnstile.registration;

/** Turns tickets into documents and images. */
public interface TicketRenderer {

    /** A PDF with one page per ticket of the sheet. */
    byte[] pdf(TicketSheet sheet);

    /** The QR code of a signed code, as a PNG image. */
    byte[] qrPng(String qrCode);

    /** The QR code of a signed code, as an SVG document. */
    String qrSvg(String qrCode);
}
