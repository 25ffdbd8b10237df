package io.lectern.certificates.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** Uploading, describing, serving and deleting files, with their access rules. */
@ApplicationScoped
public class FileService {

  private static final Logger LOG = Logger.getLogger(FileService.class.getName());
  private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
  static final int MAX_FOLDER_LENGTH = 255;
  static final int MAX_NAME_LENGTH = 255;

  @Inject FileRepository files;
  @Inject FileStores stores;
  @Inject CertificateSettings settings;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  /** A file with its stored content, ready to stream. */
  public record Download(UploadedFile file, InputStream content) {}

  /**
   * Stores an upload of the calling user: the content goes to a scratch file while its size and
   * SHA-256 are measured (413 as soon as it passes the limit), its type is detected from the bytes
   * (415 unless allowed), then it is moved into storage under a generated name. Only the final
   * insert runs in a transaction, so a slow upload holds no database connection.
   */
  public UploadedFile upload(
      String clientName, InputStream content, String folder, String isPublic) {
    UUID uploader = currentUser.id();
    String checkedFolder = folder(folder);
    boolean publicFile = publicFlag(isPublic);
    FileStorage storage = stores.current();
    Path scratch;
    try {
      scratch = storage.newScratchFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      MessageDigest sha256 = sha256();
      long size = copy(content, scratch, sha256);
      if (size == 0) {
        throw LmsException.invalidField("files.empty", "file", "The file is empty.");
      }
      String mimeType = ContentSniffer.detect(scratch);
      if (!settings.allowedTypes().contains(mimeType)) {
        throw FileErrors.typeNotAllowed(mimeType);
      }
      UUID id = UUID.randomUUID();
      String path = storage.store(id, scratch);
      UploadedFile file =
          new UploadedFile(
              id,
              uploader,
              displayName(clientName),
              mimeType,
              size,
              HexFormat.of().formatHex(sha256.digest()),
              checkedFolder,
              publicFile,
              storage.provider(),
              path,
              now());
      addOrForget(storage, file);
      return file;
    } catch (FileStorage.Unavailable e) {
      throw storageUnavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(scratch);
    }
  }

  /** Stores content the server generated (certificate PDFs) as a private file of the owner. */
  @Transactional(Transactional.TxType.MANDATORY)
  public UploadedFile storeGenerated(
      UUID owner, String name, String mimeType, byte[] content, String folder) {
    UUID id = UUID.randomUUID();
    FileStorage storage = stores.current();
    try {
      String path = storage.store(id, content);
      UploadedFile file =
          new UploadedFile(
              id,
              owner,
              name,
              mimeType,
              content.length,
              HexFormat.of().formatHex(sha256().digest(content)),
              folder,
              false,
              storage.provider(),
              path,
              now());
      addOrForget(storage, file);
      return file;
    } catch (FileStorage.Unavailable e) {
      throw storageUnavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public UploadedFile get(UUID id) {
    UploadedFile file = files.find(id).orElseThrow(FileErrors::notFound);
    requireReadable(file);
    return file;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Download download(UUID id) {
    return open(get(id));
  }

  /** Opens a file's content; the caller checked access. */
  public Download open(UploadedFile file) {
    try {
      return new Download(file, stores.of(file.storageProvider()).open(file.storagePath()));
    } catch (FileStorage.Unavailable e) {
      throw storageUnavailable(e);
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Stored content of file " + file.id() + " cannot be read", e);
      throw LmsException.notFound(
          "files.content-missing", "The content of this file is no longer available.");
    }
  }

  @Transactional
  public void delete(UUID id) {
    UploadedFile file = files.find(id).orElseThrow(FileErrors::notFound);
    if (!currentUser.isAdmin() && !file.isUploadedBy(currentUser.id())) {
      throw FileErrors.notUploader();
    }
    if (files.isCertificatePdf(id)) {
      throw FileErrors.inUse();
    }
    files.remove(file);
    try {
      stores.of(file.storageProvider()).delete(file.storagePath());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Deleted file " + id + " but not its stored content", e);
    }
  }

  private void requireReadable(UploadedFile file) {
    if (file.isPublic()) {
      return;
    }
    if (!currentUser.isAuthenticated()) {
      throw CurrentUser.anonymous();
    }
    if (!file.readableBy(currentUser.id(), currentUser.isAdmin())) {
      throw FileErrors.forbidden();
    }
  }

  /** 503 with a retry hint: the object store is down, nothing was stored or read. */
  private static LmsException storageUnavailable(FileStorage.Unavailable e) {
    LOG.log(Level.WARNING, "File storage unavailable", e);
    return LmsException.unavailable(
        "files.storage-unavailable", "File storage is unavailable; try again shortly.", 5);
  }

  private void addOrForget(FileStorage storage, UploadedFile file) {
    try {
      files.add(file);
    } catch (RuntimeException e) {
      try {
        storage.delete(file.storagePath());
      } catch (IOException ignored) {
        // The row was not written; a stray object is harmless.
      }
      throw e;
    }
  }

  private long copy(InputStream in, Path target, MessageDigest digest) throws IOException {
    long max = settings.maxUploadBytes();
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(target)) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        total += read;
        if (total > max) {
          throw FileErrors.tooLarge(max);
        }
        digest.update(buffer, 0, read);
        out.write(buffer, 0, read);
      }
    }
    return total;
  }

  /** The name shown and offered for download: the last path segment, printable, at most 255. */
  static String displayName(String clientName) {
    if (clientName == null) {
      return "upload";
    }
    String name = clientName;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    StringBuilder clean = new StringBuilder();
    name.codePoints()
        .filter(
            c ->
                !Character.isISOControl(c)
                    && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE))
        .limit(MAX_NAME_LENGTH)
        .forEach(clean::appendCodePoint);
    String result = clean.toString().strip();
    return result.isEmpty() || result.equals(".") || result.equals("..") ? "upload" : result;
  }

  static String folder(String folder) {
    if (folder == null || folder.isBlank()) {
      return null;
    }
    String value = folder.strip();
    if (value.length() > MAX_FOLDER_LENGTH || !FOLDER.matcher(value).matches()) {
      throw LmsException.invalidField(
          "files.invalid-folder",
          "folder",
          "must be up to 255 letters, digits, '-' or '_', in segments separated by '/'");
    }
    return value;
  }

  static boolean publicFlag(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw LmsException.invalidField(
              "files.invalid-public", "public", "must be true or false");
    };
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.FINE, "Scratch file left behind: " + path, e);
    }
  }

  private Instant now() {
    return clock.instant();
  }
}
