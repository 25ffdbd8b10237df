package io.lectern.certificates.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a certificate as a one-page landscape A4 PDF with Apache PDFBox: holder, course,
 * completion date, certificate number, and a QR code of the verification URL drawn as vector
 * squares (no image codec involved).
 */
public final class CertificatePdf {

  /** What the PDF shows. */
  public record Content(
      String holderName,
      String courseTitle,
      LocalDate completionDate,
      String certificateNumber,
      String verificationUrl) {}

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
  private static final float MARGIN = 60;

  private CertificatePdf() {}

  public static byte[] render(Content content) {
    PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    try (PDDocument document = new PDDocument()) {
      PDRectangle a4 = PDRectangle.A4;
      PDPage page = new PDPage(new PDRectangle(a4.getHeight(), a4.getWidth()));
      document.addPage(page);
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Certificate " + content.certificateNumber());
      info.setCreator("Lectern");
      float width = page.getMediaBox().getWidth();
      float height = page.getMediaBox().getHeight();
      try (PDPageContentStream out = new PDPageContentStream(document, page)) {
        out.setLineWidth(2);
        out.addRect(30, 30, width - 60, height - 60);
        out.stroke();

        float y = height - 110;
        y = centered(out, bold, 30, "Certificate of Completion", width, y) - 30;
        y = centered(out, regular, 14, "This certifies that", width, y) - 16;
        y = centeredWrapped(out, bold, 26, content.holderName(), width, y) - 12;
        y = centered(out, regular, 14, "has completed the course", width, y) - 16;
        y = centeredWrapped(out, bold, 22, content.courseTitle(), width, y) - 12;
        centered(out, regular, 14, "on " + DATE.format(content.completionDate()), width, y);

        float qrSize = 110;
        drawQr(out, content.verificationUrl(), MARGIN, MARGIN, qrSize);
        float textX = MARGIN + qrSize + 20;
        text(out, bold, 12, "Certificate number: " + content.certificateNumber(), textX, 110);
        text(out, regular, 10, "Verify at:", textX, 92);
        text(out, regular, 10, content.verificationUrl(), textX, 78);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float centered(
      PDPageContentStream out, PDFont font, float size, String text, float width, float y)
      throws IOException {
    String safe = printable(font, text);
    float textWidth = font.getStringWidth(safe) / 1000 * size;
    text(out, font, size, safe, (width - textWidth) / 2, y);
    return y - size * 1.2f;
  }

  /** Shrinks long text down to 16 pt, then wraps it on words. */
  private static float centeredWrapped(
      PDPageContentStream out, PDFont font, float size, String text, float width, float y)
      throws IOException {
    String safe = printable(font, text);
    float max = width - 2 * MARGIN;
    float fitted = size;
    while (fitted > 16 && font.getStringWidth(safe) / 1000 * fitted > max) {
      fitted -= 1;
    }
    float lineY = y;
    for (String line : wrap(font, fitted, safe, max)) {
      lineY = centered(out, font, fitted, line, width, lineY);
    }
    return lineY;
  }

  static List<String> wrap(PDFont font, float size, String text, float max) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > max) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    lines.add(line.toString());
    return lines;
  }

  private static void text(
      PDPageContentStream out, PDFont font, float size, String text, float x, float y)
      throws IOException {
    out.beginText();
    out.setFont(font, size);
    out.newLineAtOffset(x, y);
    out.showText(printable(font, text));
    out.endText();
  }

  /**
   * The standard PDF fonts cover Latin-1 and a few more characters (WinAnsi); any other character
   * becomes "?" so rendering never fails. The verification page shows the exact text.
   */
  static String printable(PDFont font, String text) {
    StringBuilder safe = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              String ch = Character.isWhitespace(c) ? " " : new String(Character.toChars(c));
              try {
                font.encode(ch);
                safe.append(ch);
              } catch (IOException | IllegalArgumentException e) {
                safe.append('?');
              }
            });
    return safe.toString();
  }

  private static void drawQr(PDPageContentStream out, String url, float x, float y, float size)
      throws IOException {
    BitMatrix matrix;
    try {
      matrix =
          new QRCodeWriter()
              .encode(
                  url,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.MARGIN,
                      0,
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M));
    } catch (WriterException e) {
      throw new IllegalArgumentException("The verification URL does not fit a QR code", e);
    }
    float module = size / matrix.getWidth();
    for (int row = 0; row < matrix.getHeight(); row++) {
      for (int column = 0; column < matrix.getWidth(); column++) {
        if (matrix.get(column, row)) {
          out.addRect(x + column * module, y + size - (row + 1) * module, module, module);
        }
      }
    }
    out.fill();
  }
}
