package io.lectern.enrollment.internal;

import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DefaultEnrollments implements Enrollments {

  @Inject EnrollmentRepository enrollments;
  @Inject ProgressService progress;

  @Override
  public Optional<EnrollmentView> find(UUID enrollmentId) {
    return enrollments.find(enrollmentId).map(Enrollment::view);
  }

  @Override
  public Optional<EnrollmentView> findFor(UUID studentId, UUID courseId) {
    return enrollments.findFor(studentId, courseId).map(Enrollment::view);
  }

  @Override
  public boolean isActiveEnrollment(UUID studentId, UUID courseId) {
    return enrollments.isLive(studentId, courseId);
  }

  @Override
  @Transactional
  public boolean recordCertificateIssued(UUID enrollmentId, Instant issuedAt) {
    return enrollments.lock(enrollmentId).map(e -> e.certificateIssued(issuedAt)).orElse(false);
  }

  @Override
  public Page<EnrollmentView> liveInCourse(UUID courseId, PageRequest paging) {
    return enrollments.liveOfCourse(courseId, paging).map(Enrollment::view);
  }

  @Override
  public List<EnrollmentView> completedWithoutCertificate(int limit) {
    return enrollments.completedWithoutCertificate(limit).stream().map(Enrollment::view).toList();
  }

  @Override
  @Transactional
  public boolean recordQuizResult(
      UUID enrollmentId, UUID lessonId, int score, int attempts, boolean passed, Instant at) {
    return progress.recordQuizResult(enrollmentId, lessonId, score, attempts, passed, at);
  }
}
