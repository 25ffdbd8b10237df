package io.lectern.certificates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Files on the local disk under {@code <LMS_DATA_DIR>/files}: {@code objects/ab/<uuid>} (sharded by
 * the id's first two hex digits) and a {@code scratch} folder on the same file system, so that
 * storing an upload is an atomic move. The single-node default; {@link FileStores} creates it.
 */
public class LocalFileStorage implements FileStorage {

  private final Path root;

  private LocalFileStorage(Path root) {
    this.root = root.toAbsolutePath();
  }

  static LocalFileStorage at(Path root) {
    return new LocalFileStorage(root);
  }

  @Override
  public String provider() {
    return "local";
  }

  @Override
  public Path newScratchFile() throws IOException {
    return newScratchFile(root);
  }

  /** A new scratch file under {@code <root>/scratch}: uploads wait there whatever the provider. */
  static Path newScratchFile(Path root) throws IOException {
    Path scratch = Files.createDirectories(root.resolve("scratch"));
    return Files.createTempFile(scratch, "upload-", ".part");
  }

  @Override
  public String store(UUID id, Path scratchFile) throws IOException {
    String path = pathOf(id);
    Path target = resolve(path);
    Files.createDirectories(target.getParent());
    // Durable before the database row that points at it commits: the content, then the rename.
    force(scratchFile, StandardOpenOption.WRITE);
    Files.move(scratchFile, target, StandardCopyOption.ATOMIC_MOVE);
    force(target.getParent(), StandardOpenOption.READ);
    return path;
  }

  private static void force(Path path, StandardOpenOption mode) throws IOException {
    try (FileChannel channel = FileChannel.open(path, mode)) {
      channel.force(true);
    }
  }

  @Override
  public String store(UUID id, byte[] content) throws IOException {
    Path scratch = newScratchFile();
    try {
      Files.write(scratch, content);
      return store(id, scratch);
    } finally {
      Files.deleteIfExists(scratch);
    }
  }

  @Override
  public InputStream open(String storagePath) throws IOException {
    return Files.newInputStream(resolve(storagePath));
  }

  @Override
  public void delete(String storagePath) throws IOException {
    Files.deleteIfExists(resolve(storagePath));
  }

  static String pathOf(UUID id) {
    String name = id.toString();
    return "objects/" + name.substring(0, 2) + "/" + name;
  }

  /** The file of a storage path; refuses anything that would leave the storage root. */
  Path resolve(String storagePath) {
    Path resolved = root.resolve(storagePath).normalize();
    if (!resolved.startsWith(root.resolve("objects"))) {
      throw new UncheckedIOException(new IOException("Storage path outside the storage root"));
    }
    return resolved;
  }
}
