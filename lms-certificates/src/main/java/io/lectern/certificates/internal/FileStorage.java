package io.lectern.certificates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where file contents live. Callers name objects only by the id the server generated; the storage
 * path a provider returns is opaque and goes into {@code uploaded_files.storage_path} next to
 * {@link #provider()}. The local disk is the one provider today; an object store would implement
 * the same four operations.
 */
public interface FileStorage {

  /** The value of {@code uploaded_files.storage_provider} for objects this storage holds. */
  String provider();

  /** A new empty scratch file to receive an upload before it is checked and stored. */
  Path newScratchFile() throws IOException;

  /** Moves a checked scratch file into storage under the id; returns its storage path. */
  String store(UUID id, Path scratchFile) throws IOException;

  /** Stores generated content under the id; returns its storage path. */
  String store(UUID id, byte[] content) throws IOException;

  /** Opens a stored object for reading. */
  InputStream open(String storagePath) throws IOException;

  /** Removes a stored object; a missing object is not an error. */
  void delete(String storagePath) throws IOException;
}
