package io.lectern.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class CertificatePdfTest {

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      return new PDFTextStripper().getText(document);
    }
  }

  @Test
  void showsHolderCourseDateNumberAndVerificationUrl() throws IOException {
    byte[] pdf =
        CertificatePdf.render(
            new CertificatePdf.Content(
                "Zoë Ångström",
                "Baking Bread & Pastry",
                LocalDate.of(2025, 3, 7),
                "LEC-7K3M-9QXD-2HFA-R8WZ",
                "https://lms.example.org/verify/LEC-7K3M-9QXD-2HFA-R8WZ"));
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    String text = text(pdf);
    assertThat(text)
        .contains("Certificate of Completion")
        .contains("Zoë Ångström")
        .contains("Baking Bread & Pastry")
        .contains("7 March 2025")
        .contains("LEC-7K3M-9QXD-2HFA-R8WZ")
        .contains("https://lms.example.org/verify/LEC-7K3M-9QXD-2HFA-R8WZ");
  }

  @Test
  void charactersOutsideTheFontBecomeQuestionMarksInsteadOfFailing() throws IOException {
    byte[] pdf =
        CertificatePdf.render(
            new CertificatePdf.Content(
                "李小龍 Lee",
                "A very long course title that goes on and on ".repeat(4).strip(),
                LocalDate.of(2024, 12, 31),
                "LEC-0000-1111-2222-3333",
                "http://localhost:9080/verify/LEC-0000-1111-2222-3333"));
    String text = text(pdf);
    assertThat(text).contains("??? Lee").contains("31 December 2024");
    assertThat(text.replaceAll("\\s+", " ")).contains("that goes on and on A very long");
  }
}
