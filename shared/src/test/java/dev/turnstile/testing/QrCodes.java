package dev.turnstile.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads a ticket's QR code back out of a rendered PDF page, as a phone camera would: a scanner
 * tries again at another distance (resolution) and exposure (binarizer) before giving up. One fixed
 * rendering made the tests flaky: a few codes out of many, resampled at exactly 300 dpi, blur their
 * module edges so that zxing's single attempt misses a finder pattern.
 */
public final class QrCodes {

    private static final List<Integer> DPIS = List.of(300, 200, 400, 150, 600);

    private QrCodes() {
    }

    /**
     * Reads a generated QR image (a PNG as served): as a pure barcode first (what it is: no
     * perspective, no noise), then as a camera would. zxing's detector alone misses the finder
     * patterns of a few perfectly clean synthetic codes.
     */
    public static String readFromImage(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        ReaderException last = NotFoundException.getNotFoundInstance();
        for (Map<DecodeHintType, Object> hints : List.<Map<DecodeHintType, Object>>of(
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))) {
            for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                    new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
                try {
                    return new QRCodeReader().decode(bitmap, hints).getText();
                } catch (ReaderException e) {
                    last = e;
                }
            }
        }
        throw new AssertionError("No QR code readable in a " + image.getWidth() + "x" + image.getHeight() + " image", last);
    }

    public static String readFromPage(PDDocument document, int page) {
        PDFRenderer renderer = new PDFRenderer(document);
        ReaderException last = NotFoundException.getNotFoundInstance();
        for (int dpi : DPIS) {
            BufferedImage image;
            try {
                image = renderer.renderImageWithDPI(page, dpi);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LuminanceSource source = new BufferedImageLuminanceSource(image);
            for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                    new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
                try {
                    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
                } catch (ReaderException e) {
                    last = e;
                }
            }
        }
        throw new AssertionError("No QR code readable on page " + page + " at " + DPIS + " dpi", last);
    }
}
