package io.lectern.certificates.internal;

import io.lectern.certificates.internal.CertificateIssuance.Completion;
import io.lectern.certificates.internal.CertificateIssuance.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * One issuer at a time per enrolment, across every node: issuing runs while this transaction holds
 * the enrolment's advisory lock ({@link IssueLocks}). An issuer that finds the lock taken moves on
 * at once instead of rendering a second PDF and then waiting on the unique constraint: the holder
 * issues it, or the next reconciliation pass does.
 *
 * <p>Issuing itself runs in transactions of its own ({@link CertificateRecording}) that commit
 * before this one releases the lock, so the next holder finds the certificate. The unique {@code
 * enrollment_id} stays the guarantee; the lock saves the duplicate work.
 */
@ApplicationScoped
public class IssueClaims {

  @Inject IssueLocks locks;
  @Inject CertificateIssuance issuance;

  /** What one claim achieved. */
  public record Claim(boolean claimed, Optional<Outcome> outcome) {

    static final Claim BUSY = new Claim(false, Optional.empty());
  }

  /**
   * Issues the enrolment's certificate unless another transaction is issuing it right now; a
   * certificate that exists already is only confirmed (and its issue time recorded).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Claim issueIfUnclaimed(Completion completion) {
    if (!locks.tryHold(completion.enrollmentId())) {
      return Claim.BUSY;
    }
    return new Claim(true, issuance.issue(completion));
  }
}
