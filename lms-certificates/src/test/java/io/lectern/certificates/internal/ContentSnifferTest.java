package io.lectern.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentSnifferTest {

  @TempDir Path dir;

  static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String detect(byte[] content) {
    return ContentSniffer.detect(content, true);
  }

  @Test
  void recognisesMagicNumbers() {
    assertThat(detect(ascii("%PDF-1.7\n%\u00e2\u00e3"))).isEqualTo("application/pdf");
    assertThat(detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13)))
        .isEqualTo("image/png");
    assertThat(detect(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F')))
        .isEqualTo("image/jpeg");
    assertThat(detect(ascii("GIF89a\u0001\u0000"))).isEqualTo("image/gif");
    assertThat(detect(ascii("GIF87a\u0001\u0000"))).isEqualTo("image/gif");
    assertThat(detect(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "))).isEqualTo("image/webp");
    assertThat(detect(ascii("\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000")))
        .isEqualTo("video/mp4");
  }

  @Test
  void clientNamesAndLookalikesDoNotCount() {
    assertThat(detect(ascii("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")))
        .isEqualTo("application/octet-stream");
    assertThat(detect(ascii("\u0000\u0000\u0000\u0014ftypqt  \u0000\u0000")))
        .isEqualTo("application/octet-stream");
    assertThat(detect(bytes(0x4D, 0x5A, 0x90, 0x00, 0x03))).isEqualTo("application/octet-stream");
    assertThat(detect(new byte[0])).isEqualTo("application/octet-stream");
  }

  @Test
  void plainTextIsValidUtf8WithoutControlCharacters() {
    assertThat(detect("Grüße, 世界!\r\n\tTabs and lines.\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("text/plain");
    assertThat(detect(bytes('a', 'b', 0, 'c'))).isEqualTo("application/octet-stream");
    assertThat(detect(bytes('a', 0xC3, 0x28))).isEqualTo("application/octet-stream");
    assertThat(detect(bytes('a', 0x1B, '[', '3', '1', 'm'))).isEqualTo("application/octet-stream");
  }

  @Test
  void aSampleMayCutTheLastCharacterOfLongerText() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    byte[] cut = new byte[] {'o', 'k', euro[0], euro[1]};
    assertThat(ContentSniffer.detect(cut, false)).isEqualTo("text/plain");
    assertThat(ContentSniffer.detect(cut, true)).isEqualTo("application/octet-stream");
  }

  @Test
  void officeDocumentsAreZipFilesWithTheirParts() throws IOException {
    assertThat(ContentSniffer.detect(zip("word/document.xml"))).isEqualTo(ContentSniffer.DOCX);
    assertThat(ContentSniffer.detect(zip("xl/workbook.xml"))).isEqualTo(ContentSniffer.XLSX);
    assertThat(ContentSniffer.detect(zip("ppt/presentation.xml"))).isEqualTo(ContentSniffer.PPTX);
    assertThat(ContentSniffer.detect(zip("notes.txt"))).isEqualTo("application/zip");
  }

  @Test
  void detectsFromFilesIgnoringTheirNames() throws IOException {
    Path png = dir.resolve("picture.pdf");
    Files.write(png, bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13));
    assertThat(ContentSniffer.detect(png)).isEqualTo("image/png");
    Path longText = dir.resolve("long.bin");
    Files.writeString(longText, "é".repeat(ContentSniffer.TEXT_SAMPLE));
    assertThat(ContentSniffer.detect(longText)).isEqualTo("text/plain");
  }

  @Test
  void kindsForTheFileTypeColumn() {
    assertThat(ContentSniffer.kindOf("image/webp")).isEqualTo("image");
    assertThat(ContentSniffer.kindOf(ContentSniffer.DOCX)).isEqualTo("document");
    assertThat(ContentSniffer.kindOf("application/x-unknown")).isEqualTo("other");
  }

  private Path zip(String part) throws IOException {
    Path file = Files.createTempFile(dir, "doc", ".bin");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      if (!part.equals("notes.txt")) {
        zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
        zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(part));
      zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }
}
