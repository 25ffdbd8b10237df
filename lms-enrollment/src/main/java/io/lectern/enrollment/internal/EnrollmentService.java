package io.lectern.enrollment.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonView;
import io.lectern.enrollment.api.EnrollmentStatus;
import io.lectern.enrollment.api.event.EnrollmentCreated;
import io.lectern.enrollment.api.event.EnrollmentDropped;
import io.lectern.enrollment.api.event.EnrollmentReactivated;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Enrolling, dropping, reviewing, and reading enrolments with their course progress. */
@ApplicationScoped
public class EnrollmentService {

  @Inject EnrollmentRepository enrollments;
  @Inject LessonProgressRepository progress;
  @Inject EnrollmentAccess access;
  @Inject CourseCatalog catalog;
  @Inject UserDirectory users;
  @Inject Clock clock;
  @Inject Event<EnrollmentCreated> created;
  @Inject Event<EnrollmentDropped> dropped;
  @Inject Event<EnrollmentReactivated> reactivated;

  /** The enrolment and whether it is new (false: a dropped enrolment was reactivated). */
  public record Enrolled(CourseProgress progress, boolean created) {}

  /**
   * Enrols the calling student in a published course. Enrolling again while enrolled is a 409;
   * after dropping it reactivates the same enrolment with its progress.
   */
  @Transactional
  public Enrolled enrol(UUID courseId) {
    CourseView course =
        catalog
            .findCourse(courseId)
            .filter(CourseView::published)
            .orElseThrow(EnrollmentErrors::courseNotFound);
    UUID student = access.me();
    Instant now = now();
    var existing = enrollments.lockFor(student, courseId);
    if (existing.isPresent()) {
      Enrollment enrollment = existing.get();
      if (enrollment.status().isLive()) {
        throw EnrollmentErrors.alreadyEnrolled();
      }
      enrollment.reactivate(now);
      reactivated.fire(new EnrollmentReactivated(enrollment.id(), student, courseId, now));
      return new Enrolled(read(enrollment, course), false);
    }
    List<LessonView> outline = catalog.outline(courseId);
    Enrollment enrollment = new Enrollment(student, courseId, outline.size(), now);
    enrollments.add(enrollment);
    created.fire(new EnrollmentCreated(enrollment.id(), student, courseId, now));
    return new Enrolled(new CourseProgress(enrollment, course, outline, Map.of()), true);
  }

  /** The student (or an admin) drops the enrolment; its progress is kept. */
  @Transactional
  public CourseProgress drop(UUID enrollmentId) {
    Enrollment enrollment = enrollments.lock(enrollmentId).orElseThrow(EnrollmentErrors::notFound);
    access.requireOwnerOrAdmin(enrollment);
    if (!enrollment.status().isLive()) {
      throw EnrollmentErrors.notActive();
    }
    Instant now = now();
    enrollment.drop(now);
    dropped.fire(
        new EnrollmentDropped(enrollment.id(), enrollment.studentId(), enrollment.courseId(), now));
    return read(enrollment, null);
  }

  /** Rates and reviews the course: the student only, after 20 % progress. */
  @Transactional
  public CourseProgress review(UUID enrollmentId, int rating, String review) {
    Enrollment enrollment = enrollments.lock(enrollmentId).orElseThrow(EnrollmentErrors::notFound);
    access.requireOwner(enrollment);
    if (!enrollment.status().isLive()) {
      throw EnrollmentErrors.notActive();
    }
    CourseProgress current = read(enrollment, null);
    if (current.percentage().compareTo(LessonProgressRules.REVIEW_MIN_PROGRESS) < 0) {
      throw LmsException.businessRule(
          "enrollment.review-too-early",
          "Reviews open after 20% of the course; you are at " + current.percentage() + "%.");
    }
    enrollment.review(rating, review.strip(), now());
    return current;
  }

  /** One enrolment with its progress, for its student, the course's instructor and admins. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CourseProgress get(UUID enrollmentId) {
    Enrollment enrollment = enrollments.find(enrollmentId).orElseThrow(EnrollmentErrors::notFound);
    access.requireReadable(enrollment);
    return read(enrollment, null);
  }

  /** The caller's enrolments, most recently active first, each with its progress. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<CourseProgress> mine(EnrollmentStatus status, PageRequest paging) {
    Page<Enrollment> page = enrollments.ofStudent(access.me(), status, paging);
    Map<UUID, Map<UUID, ProgressRow>> rows =
        progress.ofAll(page.items().stream().map(Enrollment::id).toList());
    Map<UUID, CourseView> courses = new HashMap<>();
    Map<UUID, List<LessonView>> outlines = new HashMap<>();
    return page.map(
        e ->
            new CourseProgress(
                e,
                courses.computeIfAbsent(e.courseId(), id -> catalog.findCourse(id).orElse(null)),
                outlines.computeIfAbsent(e.courseId(), catalog::outline),
                rows.getOrDefault(e.id(), Map.of())));
  }

  /** An enrolment in a course's list, with the student's name and email. */
  public record Learner(Enrollment enrollment, UserView student) {}

  /** A course's enrolments (optionally of one status), for its instructor and admins. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Learner> ofCourse(UUID courseId, EnrollmentStatus status, PageRequest paging) {
    access.requireCourseStaff(courseId);
    Page<Enrollment> page = enrollments.ofCourse(courseId, status, paging);
    Map<UUID, UserView> students =
        users.findAll(page.items().stream().map(Enrollment::studentId).toList());
    return page.map(e -> new Learner(e, students.get(e.studentId())));
  }

  private CourseProgress read(Enrollment enrollment, CourseView course) {
    CourseView view =
        course != null ? course : catalog.findCourse(enrollment.courseId()).orElse(null);
    return new CourseProgress(
        enrollment, view, catalog.outline(enrollment.courseId()), progress.of(enrollment.id()));
  }

  /** Now, at the database's precision (microseconds), so replies equal what is stored. */
  private Instant now() {
    return clock.instant();
  }
}
