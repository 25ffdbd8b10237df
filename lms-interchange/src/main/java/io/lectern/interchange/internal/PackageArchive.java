package io.lectern.interchange.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The files of an uploaded package, read once into memory under {@link InterchangeLimits}: entry
 * count, size of each entry and of all of them as they are inflated (so a zip bomb stops at the
 * limit, whatever its headers claim), compression ratio, and entry paths that must stay inside the
 * package (no {@code ..}, no absolute or drive paths, no backslashes, no control characters). Paths
 * are kept normalised and case-sensitive; lookups by href resolve {@code ./}, {@code %20} and a
 * leading {@code /}-free relative path against the referring file's folder.
 */
public final class PackageArchive {

  /** Entries below this size are never refused for their ratio: small text compresses well. */
  static final long RATIO_FLOOR_BYTES = 64 * 1024;

  private final Map<String, byte[]> files;

  private PackageArchive(Map<String, byte[]> files) {
    this.files = Collections.unmodifiableMap(files);
  }

  /** True when the bytes start like a zip archive. */
  public static boolean looksLikeZip(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 'P'
        && bytes[1] == 'K'
        && bytes[2] == 3
        && bytes[3] == 4;
  }

  /** True when the bytes start like an XML document (after an optional BOM and white space). */
  public static boolean looksLikeXml(byte[] bytes) {
    int i = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < bytes.length && i < 1024 && Character.isWhitespace(bytes[i])) {
      i++;
    }
    return i < bytes.length && bytes[i] == '<';
  }

  public static PackageArchive read(byte[] zip, InterchangeLimits limits) {
    if (!looksLikeZip(zip)) {
      throw InterchangeErrors.notAPackage(
          "The file is not a zip archive; send an IMS Common Cartridge (.imscc) or a zip package.");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    CountingStream counted = new CountingStream(new ByteArrayInputStream(zip));
    long total = 0;
    int entries = 0;
    try (ZipInputStream in = new ZipInputStream(counted, StandardCharsets.UTF_8)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries++;
        if (entries > limits.maxEntries()) {
          throw InterchangeErrors.tooLarge("more than " + limits.maxEntries() + " entries");
        }
        String path = normalise(entry.getName());
        long start = counted.count;
        byte[] content = entry.isDirectory() ? new byte[0] : inflate(in, counted, start, limits);
        total += content.length;
        if (total > limits.maxTotalBytes()) {
          throw InterchangeErrors.tooLarge(
              "more than " + limits.maxTotalBytes() + " bytes once uncompressed");
        }
        if (!entry.isDirectory() && !isMacResourceFork(path)) {
          files.putIfAbsent(path, content);
        }
      }
    } catch (ZipException | IllegalArgumentException e) {
      throw InterchangeErrors.notAPackage("The zip archive is damaged and cannot be read.");
    } catch (IOException e) {
      throw InterchangeErrors.notAPackage("The zip archive is damaged and cannot be read.");
    }
    if (entries == 0) {
      throw InterchangeErrors.notAPackage("The zip archive is empty.");
    }
    return new PackageArchive(files);
  }

  /** A package of one file, for a bare XML upload. */
  public static PackageArchive single(String name, byte[] content) {
    return new PackageArchive(Map.of(name, content));
  }

  private static byte[] inflate(
      ZipInputStream in, CountingStream counted, long start, InterchangeLimits limits)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long size = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      size += read;
      if (size > limits.maxEntryBytes()) {
        throw InterchangeErrors.tooLarge(
            "an entry is larger than " + limits.maxEntryBytes() + " bytes once uncompressed");
      }
      long compressed = Math.max(1, counted.count - start);
      if (size > RATIO_FLOOR_BYTES && size / compressed > limits.maxCompressionRatio()) {
        throw InterchangeErrors.tooLarge(
            "an entry is compressed more than "
                + limits.maxCompressionRatio()
                + " to 1 (a zip bomb)");
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  /** The entry path without {@code ./} segments; refuses paths that could leave the package. */
  static String normalise(String name) {
    if (name == null || name.isEmpty()) {
      throw InterchangeErrors.unsafePath(String.valueOf(name));
    }
    if (name.indexOf('\\') >= 0
        || name.startsWith("/")
        || name.matches("^[A-Za-z]:.*")
        || name.chars().anyMatch(Character::isISOControl)) {
      throw InterchangeErrors.unsafePath(name);
    }
    StringBuilder path = new StringBuilder();
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        throw InterchangeErrors.unsafePath(name);
      }
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (!path.isEmpty()) {
        path.append('/');
      }
      path.append(segment);
    }
    if (path.isEmpty()) {
      throw InterchangeErrors.unsafePath(name);
    }
    return path.toString() + (name.endsWith("/") ? "/" : "");
  }

  private static boolean isMacResourceFork(String path) {
    return path.startsWith("__MACOSX/") || path.endsWith("/.DS_Store") || path.equals(".DS_Store");
  }

  /**
   * The package as seen from the folder holding {@code manifest}: archives made by zipping the
   * package's folder rather than its contents have everything one level down.
   */
  public PackageArchive rootedAt(String manifest) {
    if (files.containsKey(manifest)) {
      return this;
    }
    for (String path : files.keySet()) {
      if (path.endsWith("/" + manifest)
          && path.indexOf('/') == path.length() - manifest.length() - 1) {
        String prefix = path.substring(0, path.length() - manifest.length());
        Map<String, byte[]> inner = new LinkedHashMap<>();
        files.forEach(
            (k, v) -> {
              if (k.startsWith(prefix)) {
                inner.put(k.substring(prefix.length()), v);
              }
            });
        return new PackageArchive(inner);
      }
    }
    return this;
  }

  public Map<String, byte[]> files() {
    return files;
  }

  public Optional<byte[]> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /**
   * Resolves an href found in {@code baseFile} (or at the package root when null) to a package
   * path: relative segments, {@code %xx} escapes; empty for anything outside the package, a URL
   * with a scheme, or a fragment-only link.
   */
  public static Optional<String> resolve(String baseFile, String href) {
    if (href == null) {
      return Optional.empty();
    }
    String ref = href.strip();
    int cut = indexOfAny(ref, '#', '?');
    if (cut >= 0) {
      ref = ref.substring(0, cut);
    }
    if (ref.isEmpty() || ref.startsWith("/") || ref.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return Optional.empty();
    }
    ref = percentDecode(ref);
    String folder =
        baseFile == null || baseFile.lastIndexOf('/') < 0
            ? ""
            : baseFile.substring(0, baseFile.lastIndexOf('/') + 1);
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String segment : (folder + ref).split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(segment);
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
  }

  private static int indexOfAny(String text, char a, char b) {
    int i = text.indexOf(a);
    int j = text.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  private static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    try {
      return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /** The lower-case extension of a path, without the dot. */
  static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 || dot < path.lastIndexOf('/')
        ? ""
        : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** Counts the compressed bytes the zip reader has consumed, for the ratio check. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
