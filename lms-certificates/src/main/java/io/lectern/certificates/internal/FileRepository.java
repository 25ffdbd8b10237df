package io.lectern.certificates.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FileRepository {

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public Optional<UploadedFile> find(UUID id) {
    return Optional.ofNullable(em.find(UploadedFile.class, id));
  }

  /** Joins the caller's transaction, or runs in its own (an upload is read outside one). */
  @Transactional
  public void add(UploadedFile file) {
    em.persist(file);
    em.flush();
  }

  public void remove(UploadedFile file) {
    em.remove(file);
    em.flush();
  }

  /** True when a certificate's PDF is this file (such files cannot be deleted on their own). */
  public boolean isCertificatePdf(UUID fileId) {
    return !em.createQuery("select c.id from Certificate c where c.pdfFileId = :file", UUID.class)
        .setParameter("file", fileId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
