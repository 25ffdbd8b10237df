package io.lectern.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.certificates.internal.CertificateIssuance.Completion;
import io.lectern.certificates.internal.CertificateRecording.Prepared;
import io.lectern.enrollment.api.event.CourseCompleted;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issuing as the container wires it (embedded Weld): the events module asks {@code issueFor} for
 * each {@code enrollment.completed} outbox event; it issues exactly one certificate per completed
 * enrolment, a repeated request issues none, a failed issue reaches the caller (which retries), and
 * reconciliation catches up. A {@link CourseCompleted} fired in memory no longer issues anything by
 * itself: an in-memory event lost with the server cannot cost a certificate.
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

  @Test
  void aCompletedEnrolmentGetsOneCertificateWithItsPdf() {
    Completion completion = completion();

    Optional<UUID> issued = issuer.issueFor(completion.enrollmentId());

    assertThat(recording.stored()).containsOnlyKeys(completion.enrollmentId());
    Prepared stored = recording.stored().get(completion.enrollmentId());
    assertThat(issued).contains(stored.id());
    assertThat(stored.completion()).isEqualTo(completion);
    assertThat(stored.holderName()).isEqualTo("Ada Lovelace");
    assertThat(stored.courseTitle()).isEqualTo("Analytical Engines");
    assertThat(stored.issuedAt()).isEqualTo(IssuanceTestBeans.NOW);
    assertThat(stored.number()).isNotBlank();
    assertThat(new String(stored.pdf(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void aRepeatedRequestIssuesNothingMore() {
    Completion completion = completion();

    UUID first = issuer.issueFor(completion.enrollmentId()).orElseThrow();
    assertThat(issuer.issueFor(completion.enrollmentId())).contains(first);

    assertThat(recording.stored()).hasSize(1);
    assertThat(issuer.reconcile()).isZero();
  }

  @Test
  void anUnknownEnrolmentGetsNothing() {
    completion();
    assertThat(issuer.issueFor(UUID.randomUUID())).isEmpty();
    assertThat(recording.stored()).isEmpty();
  }

  @Test
  void aFailedIssueReachesTheCallerAndReconciliationCatchesUp() {
    Completion completion = completion();
    recording.failNextStore();

    assertThatThrownBy(() -> issuer.issueFor(completion.enrollmentId()))
        .isInstanceOf(RuntimeException.class);
    assertThat(recording.stored()).isEmpty();

    assertThat(issuer.reconcile()).isEqualTo(1);
    assertThat(recording.stored()).containsOnlyKeys(completion.enrollmentId());
  }

  @Test
  void aCourseCompletedEventAloneIssuesNothing() {
    Completion completion = completion();

    courseCompleted.fire(
        new CourseCompleted(
            completion.enrollmentId(),
            completion.studentId(),
            completion.courseId(),
            completion.completedAt()));

    assertThat(recording.stored()).isEmpty();
  }

  @Test
  void anEnrolmentAnotherNodeIsIssuingIsSkippedNotWaitedFor() {
    Completion completion = completion();
    beans.heldLocks().holdElsewhere(completion.enrollmentId());

    assertThat(issuer.reconcile()).isZero();
    assertThat(recording.stored()).isEmpty();

    // Once the other node's transaction ended without issuing it, the next pass issues it.
    beans.heldLocks().clear();
    assertThat(issuer.reconcile()).isEqualTo(1);
    assertThat(recording.stored()).containsOnlyKeys(completion.enrollmentId());
  }
}
