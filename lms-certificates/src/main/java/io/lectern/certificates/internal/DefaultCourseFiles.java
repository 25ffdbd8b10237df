package io.lectern.certificates.internal;

import io.lectern.certificates.api.CourseFiles;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Course files stored through the same storage, type detection and limits as uploads. */
@ApplicationScoped
public class DefaultCourseFiles implements CourseFiles {

  private static final Logger LOG = Logger.getLogger(DefaultCourseFiles.class.getName());

  @Inject FileRepository files;
  @Inject FileStores stores;
  @Inject FileService fileService;
  @Inject CertificateSettings settings;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
  TransactionSynchronizationRegistry transactions;

  /**
   * A refusal (empty, too large, type not allowed) is decided before anything is written and must
   * not doom the caller's transaction: an import reports the file as skipped and goes on.
   */
  @Override
  @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = LmsException.class)
  public StoredFile store(String name, byte[] content, String folder) {
    if (content.length == 0) {
      throw LmsException.invalidField("files.empty", "file", "The file is empty.");
    }
    if (content.length > settings.maxUploadBytes()) {
      throw FileErrors.tooLarge(settings.maxUploadBytes());
    }
    UUID id = UUID.randomUUID();
    FileStorage storage = stores.current();
    try {
      Path scratch = storage.newScratchFile();
      String path;
      String mimeType;
      try {
        Files.write(scratch, content);
        mimeType = ContentSniffer.detect(scratch);
        if (!settings.allowedTypes().contains(mimeType)) {
          throw FileErrors.typeNotAllowed(mimeType);
        }
        path = storage.store(id, scratch);
      } finally {
        Files.deleteIfExists(scratch);
      }
      removeOnRollback(storage, id, path);
      UploadedFile file =
          new UploadedFile(
              id,
              currentUser.id(),
              FileService.displayName(name),
              mimeType,
              content.length,
              HexFormat.of().formatHex(sha256(content)),
              FileService.folder(folder),
              true,
              storage.provider(),
              path,
              clock.instant());
      files.add(file);
      return new StoredFile(
          id, file.originalFilename(), mimeType, content.length, UploadedFile.contentUrl(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<FileContent> read(UUID fileId) {
    Optional<UploadedFile> found = files.find(fileId);
    if (found.isEmpty() || !found.get().readableBy(currentUser.id(), currentUser.isAdmin())) {
      return Optional.empty();
    }
    UploadedFile file = found.get();
    try (InputStream in = stores.of(file.storageProvider()).open(file.storagePath())) {
      return Optional.of(
          new FileContent(file.id(), file.originalFilename(), file.mimeType(), in.readAllBytes()));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Stored content of file " + fileId + " cannot be read", e);
      return Optional.empty();
    }
  }

  /** The row goes with the transaction; the stored object must follow it on a rollback. */
  private void removeOnRollback(FileStorage storage, UUID id, String path) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
              try {
                storage.delete(path);
              } catch (IOException e) {
                LOG.log(Level.WARNING, "Rolled back file " + id + " left its stored content", e);
              }
            }
          }
        });
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
