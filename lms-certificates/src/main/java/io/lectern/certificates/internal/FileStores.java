package io.lectern.certificates.internal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The storage providers of this server: new files go to the configured one ({@code LMS_STORAGE}); a
 * stored file is read and deleted through the provider its row names, so files written before a
 * switch to object storage stay readable from the local folder of the node that wrote them.
 */
@ApplicationScoped
public class FileStores {

  private static final Logger LOG = Logger.getLogger(FileStores.class.getName());

  @Inject StorageSettings settings;

  private LocalFileStorage local;
  private Optional<S3FileStorage> s3 = Optional.empty();

  @PostConstruct
  void init() {
    local = LocalFileStorage.at(settings.filesRoot());
    s3 = settings.s3().map(config -> S3FileStorage.connect(config, settings.filesRoot()));
    s3.ifPresent(
        storage -> {
          try {
            storage.checkBucket();
            LOG.info("Files are stored in " + settings.s3().orElseThrow());
          } catch (RuntimeException e) {
            // Not fatal: the store may come up after this server; uploads fail until it does.
            LOG.log(
                Level.SEVERE,
                "The object store " + settings.s3().orElseThrow() + " does not answer",
                e);
          }
        });
  }

  /** Where new files go. */
  public FileStorage current() {
    return s3.<FileStorage>map(storage -> storage).orElse(local);
  }

  /** The provider a stored file's row names. */
  public FileStorage of(String provider) throws IOException {
    if (StorageSettings.S3.equals(provider)) {
      return s3.orElseThrow(
          () -> new IOException("The file is in object storage, which is not configured"));
    }
    return local;
  }

  @PreDestroy
  void close() {
    s3.ifPresent(S3FileStorage::close);
  }
}
