package io.lectern.certificates.internal;

import io.lectern.certificates.internal.CertificateIssuance.Completion;
import io.lectern.certificates.internal.CertificateIssuance.Outcome;
import io.lectern.enrollment.api.EnrollmentStatus;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Vetoed;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The surroundings of certificate issuance in {@link CertificateEventsCdiTest}: settings, a fixed
 * clock, completed enrolments the test declares, and certificates recorded in memory (the
 * transactional SQL half is covered by the integration tests).
 */
@ApplicationScoped
public class IssuanceTestBeans {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Produces
  CertificateSettings settings() {
    return new CertificateSettings(
        Path.of("unused"), 1024, Set.of("application/pdf"), "https://lms.example", Duration.ZERO);
  }

  private final InMemoryRecording recording = new InMemoryRecording();

  /** Built here, not by the container: its real superclass's injection points stay unused. */
  @Produces
  CertificateRecording recording() {
    return recording;
  }

  InMemoryRecording memory() {
    return recording;
  }

  private final HeldLocks locks = new HeldLocks();

  /** Built here: the real one asks PostgreSQL, which this test does not start. */
  @Produces
  IssueLocks locks() {
    return locks;
  }

  HeldLocks heldLocks() {
    return locks;
  }

  @Produces
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** Completed enrolments as the enrolment module would list them. */
  @ApplicationScoped
  public static class CompletedEnrollments implements Enrollments {
    private final List<EnrollmentView> completed = new CopyOnWriteArrayList<>();

    void complete(Completion completion) {
      completed.add(
          new EnrollmentView(
              completion.enrollmentId(),
              completion.studentId(),
              completion.courseId(),
              EnrollmentStatus.COMPLETED,
              new BigDecimal("100.00"),
              1,
              1,
              60,
              completion.completedAt().minusSeconds(3600),
              completion.completedAt(),
              null));
    }

    void clear() {
      completed.clear();
    }

    @Override
    public Optional<EnrollmentView> find(UUID enrollmentId) {
      return completed.stream().filter(e -> e.id().equals(enrollmentId)).findFirst();
    }

    @Override
    public Optional<EnrollmentView> findFor(UUID studentId, UUID courseId) {
      return Optional.empty();
    }

    @Override
    public boolean isActiveEnrollment(UUID studentId, UUID courseId) {
      return false;
    }

    @Override
    public boolean recordCertificateIssued(UUID enrollmentId, Instant issuedAt) {
      return true;
    }

    @Override
    public io.lectern.shared.paging.Page<EnrollmentView> liveInCourse(
        UUID courseId, io.lectern.shared.paging.PageRequest paging) {
      return io.lectern.shared.paging.Page.of(List.of(), paging, 0);
    }

    @Override
    public List<EnrollmentView> completedWithoutCertificate(int limit) {
      return completed.stream().limit(limit).toList();
    }

    @Override
    public boolean recordQuizResult(
        UUID enrollmentId, UUID lessonId, int score, int attempts, boolean passed, Instant at) {
      return false;
    }
  }

  /**
   * The advisory locks another node holds: an enrolment marked here is busy, as if a sweeper
   * elsewhere were issuing its certificate at this moment.
   */
  @Vetoed
  static class HeldLocks extends IssueLocks {
    private final Set<UUID> heldElsewhere = ConcurrentHashMap.newKeySet();

    void holdElsewhere(UUID enrollmentId) {
      heldElsewhere.add(enrollmentId);
    }

    void clear() {
      heldElsewhere.clear();
    }

    @Override
    public boolean tryHold(UUID enrollmentId) {
      return !heldElsewhere.contains(enrollmentId);
    }
  }

  /**
   * Certificates by enrolment; at most one each, as the unique constraint guarantees. A store can
   * be made to fail once, as a database outage would.
   */
  @Vetoed
  static class InMemoryRecording extends CertificateRecording {
    private final Map<UUID, Prepared> byEnrollment = new ConcurrentHashMap<>();
    private final AtomicBoolean failNextStore = new AtomicBoolean();

    void clear() {
      byEnrollment.clear();
      failNextStore.set(false);
    }

    void failNextStore() {
      failNextStore.set(true);
    }

    Map<UUID, Prepared> stored() {
      return Map.copyOf(byEnrollment);
    }

    @Override
    public Optional<Outcome> existing(UUID enrollmentId) {
      return Optional.ofNullable(byEnrollment.get(enrollmentId))
          .map(p -> new Outcome(p.id(), false));
    }

    @Override
    public Names names(Completion completion) {
      return new Names("Ada Lovelace", "Analytical Engines");
    }

    @Override
    public Optional<Outcome> store(Prepared prepared) {
      if (failNextStore.getAndSet(false)) {
        throw new IllegalStateException("database unavailable");
      }
      Prepared winner = byEnrollment.putIfAbsent(prepared.completion().enrollmentId(), prepared);
      return Optional.of(
          winner == null ? new Outcome(prepared.id(), true) : new Outcome(winner.id(), false));
    }
  }
}
