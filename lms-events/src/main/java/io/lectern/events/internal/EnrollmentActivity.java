package io.lectern.events.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.events.internal.EventLog.LoggedEvent;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * An enrolment's history from the outbox (enrolment, lesson, quiz and completion events), for its
 * student, the course's instructor and admins, like the enrolment itself.
 */
@ApplicationScoped
public class EnrollmentActivity {

  @Inject Enrollments enrollments;
  @Inject CourseCatalog catalog;
  @Inject CurrentUser currentUser;
  @Inject EventLog log;

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<LoggedEvent> of(UUID enrollmentId, PageRequest paging) {
    EnrollmentView enrollment =
        enrollments
            .find(enrollmentId)
            .orElseThrow(
                () -> LmsException.notFound("enrollment.not-found", "No enrolment has this id."));
    UUID me = currentUser.id();
    boolean allowed =
        currentUser.isAdmin()
            || me.equals(enrollment.studentId())
            || catalog
                .findCourse(enrollment.courseId())
                .map(c -> me.equals(c.instructorId()))
                .orElse(false);
    if (!allowed) {
      throw LmsException.forbidden(
          "enrollment.forbidden",
          "Only the enrolled student, the course's instructor and admins may see this enrolment.");
    }
    return log.ofSubject("enrollment:" + enrollmentId, paging);
  }
}
