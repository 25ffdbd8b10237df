package io.lectern.certificates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Detects a file's type from its content (magic numbers), never from its name or the client's
 * Content-Type: PDF, PNG, JPEG, GIF, WebP, MP4, Office Open XML documents (ZIP with a {@code
 * word/}, {@code xl/} or {@code ppt/} part), other ZIP files and UTF-8 plain text. Anything else is
 * {@code application/octet-stream}.
 */
public final class ContentSniffer {

  public static final String OCTET_STREAM = "application/octet-stream";
  public static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  public static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String PPTX =
      "application/vnd.openxmlformats-officedocument.presentationml.presentation";

  /** How much of a file decides whether it is text. */
  static final int TEXT_SAMPLE = 64 * 1024;

  private ContentSniffer() {}

  /** The MIME type of the file's content. */
  public static String detect(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(TEXT_SAMPLE);
    }
    boolean complete = head.length < TEXT_SAMPLE || Files.size(file) == head.length;
    String type = detect(head, complete);
    return type.equals("application/zip") ? officeType(file) : type;
  }

  /**
   * The MIME type from the first bytes; {@code complete} says whether they are the whole file (a
   * text check then needs no tolerance for a character cut at the end). A ZIP is reported as {@code
   * application/zip}; {@link #detect(Path)} looks inside it for Office documents.
   */
  public static String detect(byte[] head, boolean complete) {
    if (startsWith(head, 0, "%PDF-")) {
      return "application/pdf";
    }
    if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (startsWith(head, 0, "GIF87a") || startsWith(head, 0, "GIF89a")) {
      return "image/gif";
    }
    if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WEBP")) {
      return "image/webp";
    }
    if (startsWith(head, 4, "ftyp") && isMp4Brand(head)) {
      return "video/mp4";
    }
    if (startsWith(head, 0, 'P', 'K', 3, 4)) {
      return "application/zip";
    }
    if (head.length > 0 && isUtf8Text(head, complete)) {
      return "text/plain";
    }
    return OCTET_STREAM;
  }

  /** ISO base media files whose major brand is an MP4 one (not QuickTime's {@code qt }). */
  private static boolean isMp4Brand(byte[] head) {
    if (head.length < 12) {
      return false;
    }
    String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
    return !brand.equals("qt  ");
  }

  /** Valid UTF-8 without NUL or other control characters than tab, line feed, form feed, CR. */
  static boolean isUtf8Text(byte[] bytes, boolean complete) {
    int length = bytes.length;
    if (!complete) {
      // A multi-byte character may be cut by the sample's end: drop its leading bytes.
      int cut = length;
      int back = 0;
      while (cut > 0 && back < 4 && (bytes[cut - 1] & 0xC0) == 0x80) {
        cut--;
        back++;
      }
      if (cut > 0 && (bytes[cut - 1] & 0xC0) == 0xC0) {
        length = cut - 1;
      }
    }
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        return false;
      }
      if (b == 0x7F) {
        return false;
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      decoder.decode(ByteBuffer.wrap(bytes, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String officeType(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      boolean contentTypes = false;
      String type = null;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      int seen = 0;
      while (entries.hasMoreElements() && seen++ < 10_000) {
        String name = entries.nextElement().getName();
        if (name.equals("[Content_Types].xml")) {
          contentTypes = true;
        } else if (type == null && name.startsWith("word/")) {
          type = DOCX;
        } else if (type == null && name.startsWith("xl/")) {
          type = XLSX;
        } else if (type == null && name.startsWith("ppt/")) {
          type = PPTX;
        }
      }
      return contentTypes && type != null ? type : "application/zip";
    } catch (IOException e) {
      return OCTET_STREAM;
    }
  }

  private static boolean startsWith(byte[] bytes, int offset, String ascii) {
    return startsWith(bytes, offset, ascii.chars().toArray());
  }

  private static boolean startsWith(byte[] bytes, int offset, int... expected) {
    if (bytes.length < offset + expected.length) {
      return false;
    }
    return Arrays.equals(
        Arrays.copyOfRange(bytes, offset, offset + expected.length), toBytes(expected));
  }

  private static byte[] toBytes(int[] values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  /** A short, human-readable kind for the {@code file_type} column. */
  public static String kindOf(String mimeType) {
    return switch (mimeType) {
      case "application/pdf" -> "pdf";
      case "image/png", "image/jpeg", "image/gif", "image/webp" -> "image";
      case "video/mp4" -> "video";
      case DOCX, XLSX, PPTX -> "document";
      case "application/zip" -> "archive";
      case "text/plain" -> "text";
      default -> "other";
    };
  }
}
