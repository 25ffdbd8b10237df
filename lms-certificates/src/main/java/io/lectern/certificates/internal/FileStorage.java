package io.lectern.certificates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where file contents live. Callers name objects only by the id the server generated; the storage
 * path a provider returns is opaque and goes into {@code uploaded_files.storage_path} next to
 * {@link #provider()}. The local disk ({@link LocalFileStorage}) and an S3-compatible object store
 * ({@link S3FileStorage}) implement it.
 */
public interface FileStorage {

  /** The storage itself does not answer (an object store that is down or unreachable). */
  class Unavailable extends IOException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The value of {@code uploaded_files.storage_provider} for objects this storage holds. */
  String provider();

  /** A new empty scratch file to receive an upload before it is checked and stored. */
  Path newScratchFile() throws IOException;

  /** Moves a checked scratch file into storage under the id; returns its storage path. */
  String store(UUID id, Path scratchFile) throws IOException;

  /** Stores generated content under the id; returns its storage path. */
  String store(UUID id, byte[] content) throws IOException;

  /** Opens a stored object for reading; the caller closes the stream. */
  InputStream open(String storagePath) throws IOException;

  /** Removes a stored object; a missing object is not an error. */
  void delete(String storagePath) throws IOException;
}
