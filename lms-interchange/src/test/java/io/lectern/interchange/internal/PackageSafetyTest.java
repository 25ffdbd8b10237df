package io.lectern.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The zip and XML reading that packages from anywhere go through. */
class PackageSafetyTest {

  private static final InterchangeLimits LIMITS = InterchangeLimits.defaults();

  @Test
  void entriesAreReadWithNormalisedPaths() {
    PackageArchive archive =
        PackageArchive.read(
            zip(Map.of("a/./b.txt", "b", "dir/", "", "__MACOSX/._b.txt", "fork")), LIMITS);
    assertThat(archive.files()).containsOnlyKeys("a/b.txt");
    assertThat(archive.file("a/b.txt"))
        .hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("b"));
  }

  @Test
  void pathsLeavingThePackageAreRefused() {
    for (String evil :
        new String[] {"../x", "a/../../x", "/etc/passwd", "..\\x", "C:/x", "a\u0000b", "a/.."}) {
      assertThatThrownBy(() -> PackageArchive.read(zip(Map.of(evil, "x")), LIMITS))
          .as(evil)
          .isInstanceOfSatisfying(
              LmsException.class, e -> assertThat(e.code()).isEqualTo("interchange.unsafe-path"));
    }
  }

  @Test
  void aZipBombStopsAtTheRatioWhateverItsHeadersSay() {
    byte[] bomb = zipBytes("zeros.bin", new byte[10 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(20_000);
    assertThatThrownBy(() -> PackageArchive.read(bomb, LIMITS))
        .isInstanceOfSatisfying(
            LmsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
              assertThat(e.getMessage()).contains("zip bomb");
            });
  }

  @Test
  void sizeAndCountLimitsHold() {
    InterchangeLimits small = new InterchangeLimits(1 << 20, 3, 1000, 1500, 1000, 500, 10);
    assertThatThrownBy(
            () -> PackageArchive.read(zip(Map.of("a", "1", "b", "2", "c", "3", "d", "4")), small))
        .hasMessageContaining("more than 3 entries");
    assertThatThrownBy(() -> PackageArchive.read(zipBytes("big", new byte[1001]), small))
        .hasMessageContaining("larger than 1000 bytes");
    Map<String, String> two = new LinkedHashMap<>();
    two.put("a", "x".repeat(800));
    two.put("b", "y".repeat(800));
    assertThatThrownBy(() -> PackageArchive.read(zip(two), small))
        .hasMessageContaining("1500 bytes");
    assertThatThrownBy(() -> SafeXml.parse("m.xml", new byte[501], small.maxXmlBytes()))
        .hasMessageContaining("larger than 500 bytes");
  }

  @Test
  void notAZipIsAnUnsupportedPackage() {
    assertThatThrownBy(() -> PackageArchive.read("%PDF-1.4".getBytes(), LIMITS))
        .isInstanceOfSatisfying(
            LmsException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_MEDIA_TYPE));
  }

  @Test
  void doctypesEntitiesAndExternalReferencesAreRefused() {
    String[] hostile = {
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><r>&b;</r>",
      "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:1/x.dtd\"><r/>",
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p\"> %p;]><r/>"
    };
    for (String xml : hostile) {
      assertThatThrownBy(() -> SafeXml.parse("m.xml", xml.getBytes(StandardCharsets.UTF_8), 10_000))
          .as(xml)
          .isInstanceOfSatisfying(
              LmsException.class, e -> assertThat(e.code()).isEqualTo("interchange.unsafe-xml"));
    }
    assertThatThrownBy(() -> SafeXml.parse("m.xml", "<r><unclosed></r>".getBytes(), 10_000))
        .isInstanceOfSatisfying(
            LmsException.class, e -> assertThat(e.code()).isEqualTo("interchange.malformed-xml"));
    assertThat(
            SafeXml.parse("m.xml", "<r a='1'><b/></r>".getBytes(), 10_000)
                .getDocumentElement()
                .getTagName())
        .isEqualTo("r");
  }

  @Test
  void hrefsResolveInsideThePackageOnly() {
    assertThat(PackageArchive.resolve("pages/a.html", "../img/x%20y.png")).contains("img/x y.png");
    assertThat(PackageArchive.resolve("pages/a.html", "b.html#top")).contains("pages/b.html");
    assertThat(PackageArchive.resolve("pages/a.html", "../../etc/passwd")).isEmpty();
    assertThat(PackageArchive.resolve("pages/a.html", "https://example.org/")).isEmpty();
    assertThat(PackageArchive.resolve("pages/a.html", "/abs")).isEmpty();
  }

  static byte[] zip(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] zipBytes(String name, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }
}
