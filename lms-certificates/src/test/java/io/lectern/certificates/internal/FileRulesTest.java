package io.lectern.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.shared.error.LmsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRulesTest {

  @TempDir Path dir;

  @Test
  void theDisplayNameIsTheLastSegmentOfTheClientPathOnly() {
    assertThat(FileService.displayName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(FileService.displayName("C:\\Users\\jane\\report.pdf")).isEqualTo("report.pdf");
    assertThat(FileService.displayName("a\u0000b\r\n.txt")).isEqualTo("ab.txt");
    assertThat(FileService.displayName("..")).isEqualTo("upload");
    assertThat(FileService.displayName(null)).isEqualTo("upload");
    assertThat(FileService.displayName("x".repeat(400))).hasSize(255);
  }

  @Test
  void foldersAreSimpleSegments() {
    assertThat(FileService.folder(" course/notes ")).isEqualTo("course/notes");
    assertThat(FileService.folder("")).isNull();
    for (String bad : new String[] {"../up", "/abs", "a//b", "a b", "x".repeat(256)}) {
      assertThatThrownBy(() -> FileService.folder(bad)).isInstanceOf(LmsException.class);
    }
  }

  @Test
  void thePublicFlagIsTrueOrFalse() {
    assertThat(FileService.publicFlag(null)).isFalse();
    assertThat(FileService.publicFlag("TRUE")).isTrue();
    assertThatThrownBy(() -> FileService.publicFlag("yes")).isInstanceOf(LmsException.class);
  }

  @Test
  void localStorageKeepsObjectsUnderGeneratedNames() throws IOException {
    LocalFileStorage storage = LocalFileStorage.at(dir);
    UUID id = UUID.randomUUID();
    String path = storage.store(id, "hello".getBytes());
    assertThat(path).isEqualTo("objects/" + id.toString().substring(0, 2) + "/" + id);
    try (InputStream in = storage.open(path)) {
      assertThat(new String(in.readAllBytes())).isEqualTo("hello");
    }
    assertThat(Files.list(dir.resolve("scratch"))).isEmpty();
    storage.delete(path);
    assertThat(Files.exists(dir.resolve(path))).isFalse();
    assertThatThrownBy(() -> storage.open("objects/../../secret"))
        .isInstanceOf(RuntimeException.class);
  }
}
