package io.lectern.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.lectern.certificates.internal.CertificateIssuance.Completion;
import io.lectern.certificates.internal.CertificateRecording.Prepared;
import io.lectern.enrollment.api.event.CourseCompleted;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CourseCompleted} as the container delivers it (embedded Weld): the certificate module's
 * observer issues exactly one certificate per completion, a repeated delivery issues none, and a
 * failed issue does not reach the completing caller and is caught up by reconciliation.
 */
@ExtendWith(ArquillianExtension.class)
class CertificateEventsCdiTest {

  @Deployment
  public static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class, "certificate-events.jar")
        .addClasses(
            DefaultCertificateIssuer.class,
            IssueClaims.class,
            CertificateIssuance.class,
            IssuanceTestBeans.class,
            IssuanceTestBeans.CompletedEnrollments.class)
        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject Event<CourseCompleted> courseCompleted;
  @Inject DefaultCertificateIssuer issuer;
  @Inject IssuanceTestBeans.CompletedEnrollments enrollments;
  @Inject IssuanceTestBeans beans;

  private IssuanceTestBeans.InMemoryRecording recording;

  private Completion completion() {
    recording = beans.memory();
    recording.clear();
    beans.heldLocks().clear();
    enrollments.clear();
    Completion completion =
        new Completion(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            Instant.parse("2025-05-31T08:30:00Z"));
    enrollments.complete(completion);
    return completion;
  }

  private static CourseCompleted eventOf(Completion c) {
    return new CourseCompleted(c.enrollmentId(), c.studentId(), c.courseId(), c.completedAt());
  }

  @Test
  void aCompletionIssuesOneCertificateWithItsPdf() {
    Completion completion = completion();

    courseCompleted.fire(eventOf(completion));

    assertThat(recording.stored()).containsOnlyKeys(completion.enrollmentId());
    Prepared stored = recording.stored().get(completion.enrollmentId());
    assertThat(stored.completion()).isEqualTo(completion);
    assertThat(stored.holderName()).isEqualTo("Ada Lovelace");
    assertThat(stored.courseTitle()).isEqualTo("Analytical Engines");
    assertThat(stored.issuedAt()).isEqualTo(IssuanceTestBeans.NOW);
    assertThat(stored.number()).isNotBlank();
    assertThat(new String(stored.pdf(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void aRepeatedDeliveryIssuesNothingMore() {
    Completion completion = completion();

    courseCompleted.fire(eventOf(completion));
    UUID first = recording.stored().get(completion.enrollmentId()).id();
    courseCompleted.fire(eventOf(completion));

    assertThat(recording.stored()).hasSize(1);
    assertThat(recording.stored().get(completion.enrollmentId()).id()).isEqualTo(first);
    assertThat(issuer.reconcile()).isZero();
  }

  @Test
  void aFailedIssueStaysWithTheObserverAndReconciliationCatchesUp() {
    Completion completion = completion();
    recording.failNextStore();

    assertThatCode(() -> courseCompleted.fire(eventOf(completion))).doesNotThrowAnyException();
    assertThat(recording.stored()).isEmpty();

    assertThat(issuer.reconcile()).isEqualTo(1);
    assertThat(recording.stored()).containsOnlyKeys(completion.enrollmentId());
  }

  @Test
  void anEnrolmentAnotherNodeIsIssuingIsSkippedNotWaitedFor() {
    Completion completion = completion();
    beans.heldLocks().holdElsewhere(completion.enrollmentId());

    courseCompleted.fire(eventOf(completion));
    assertThat(issuer.reconcile()).isZero();
    assertThat(recording.stored()).isEmpty();

    // Once the other node's transaction ended without issuing it, the next pass issues it.
    beans.heldLocks().clear();
    assertThat(issuer.reconcile()).isEqualTo(1);
    assertThat(recording.stored()).containsOnlyKeys(completion.enrollmentId());
  }
}
