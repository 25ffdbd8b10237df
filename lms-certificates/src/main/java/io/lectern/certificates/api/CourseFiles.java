package io.lectern.certificates.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Files that course content links to (images and documents of imported lessons), stored like
 * uploads: the type is detected from the bytes and must be an allowed one, the size is bounded by
 * the upload limit. Joins the caller's transaction; if it rolls back, the stored content is removed
 * again, so an aborted import leaves no orphan on the storage.
 */
public interface CourseFiles {

  /**
   * Stores the content as a public file of the calling user (lesson content is read by every
   * enrolled student). Refusals are the upload's: 400 empty, 413 too large, 415 type not allowed;
   * they leave the caller's transaction usable, so the caller may report the file and go on.
   */
  StoredFile store(String name, byte[] content, String folder);

  /** A file's content, if it exists and the caller may read it (public, own, or admin). */
  Optional<FileContent> read(UUID fileId);

  record StoredFile(UUID id, String name, String mimeType, long size, String downloadUrl) {}

  record FileContent(UUID id, String name, String mimeType, byte[] content) {}
}
