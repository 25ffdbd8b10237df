package io.lectern.certificates.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A stored file with what is known about it: detected type, size, SHA-256, who may read it. */
@Entity
@Table(name = "uploaded_files", schema = "certificates")
public class UploadedFile {

  @Id private UUID id;

  @Column(name = "uploader_id", nullable = false)
  private UUID uploaderId;

  /** The stored object's name: always the id, never anything the client sent. */
  @Column(nullable = false, length = 500)
  private String filename;

  @Column(name = "original_filename", nullable = false, length = 500)
  private String originalFilename;

  @Column(name = "file_url", nullable = false, length = 1000)
  private String fileUrl;

  @Column(name = "storage_path", nullable = false, length = 1000)
  private String storagePath;

  @Column(name = "file_type", length = 100)
  private String fileType;

  @Column(name = "mime_type", nullable = false, length = 100)
  private String mimeType;

  @Column(name = "file_size", nullable = false)
  private long size;

  @Column(nullable = false, length = 64)
  private String sha256;

  @Column(length = 255)
  private String folder;

  @Column(name = "storage_provider", nullable = false, length = 50)
  private String storageProvider;

  @Column(name = "is_public", nullable = false)
  private boolean publicFile;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected UploadedFile() {}

  public UploadedFile(
      UUID id,
      UUID uploaderId,
      String originalFilename,
      String mimeType,
      long size,
      String sha256,
      String folder,
      boolean publicFile,
      String storageProvider,
      String storagePath,
      Instant now) {
    this.id = id;
    this.uploaderId = uploaderId;
    this.filename = id.toString();
    this.originalFilename = originalFilename;
    this.fileUrl = contentUrl(id);
    this.storagePath = storagePath;
    this.fileType = ContentSniffer.kindOf(mimeType);
    this.mimeType = mimeType;
    this.size = size;
    this.sha256 = sha256;
    this.folder = folder;
    this.storageProvider = storageProvider;
    this.publicFile = publicFile;
    this.createdAt = now;
  }

  public static String contentUrl(UUID id) {
    return "/api/v1/files/" + id + "/content";
  }

  /** Public files for anyone; private ones for the uploader and admins. */
  public boolean readableBy(UUID userId, boolean admin) {
    return publicFile || admin || uploaderId.equals(userId);
  }

  public boolean isUploadedBy(UUID userId) {
    return uploaderId.equals(userId);
  }

  public UUID id() {
    return id;
  }

  public UUID uploaderId() {
    return uploaderId;
  }

  public String filename() {
    return filename;
  }

  public String originalFilename() {
    return originalFilename;
  }

  public String fileUrl() {
    return fileUrl;
  }

  public String storagePath() {
    return storagePath;
  }

  public String fileType() {
    return fileType;
  }

  public String mimeType() {
    return mimeType;
  }

  public long size() {
    return size;
  }

  public String sha256() {
    return sha256;
  }

  public String folder() {
    return folder;
  }

  public String storageProvider() {
    return storageProvider;
  }

  public boolean isPublic() {
    return publicFile;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
