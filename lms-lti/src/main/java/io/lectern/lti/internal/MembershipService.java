package io.lectern.lti.internal;

import io.lectern.courses.api.CourseView;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Names and Role Provisioning Services 2.0: a course's members with their LIS roles, for a tool
 * deployed in the course. The instructor comes first (on the first page), then the live enrolments,
 * oldest first.
 */
@ApplicationScoped
public class MembershipService {

  @Inject GradeService grades;
  @Inject Enrollments enrollments;
  @Inject UserDirectory users;

  /** One member of a course. */
  public record Member(UserView user, List<String> roles) {}

  /** A page of members and the course they belong to. */
  public record Roster(CourseView course, Page<Member> members) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Roster members(Tool tool, UUID courseId, PageRequest paging) {
    CourseView course = grades.context(tool, courseId);
    Page<EnrollmentView> page = enrollments.liveInCourse(courseId, paging);
    List<UUID> ids = new ArrayList<>();
    boolean withInstructor = paging.page() == 0 && course.instructorId() != null;
    if (withInstructor) {
      ids.add(course.instructorId());
    }
    page.items().forEach(e -> ids.add(e.studentId()));
    Map<UUID, UserView> found = users.findAll(ids);
    List<Member> members = new ArrayList<>();
    for (UUID id : ids) {
      UserView user = found.get(id);
      if (user != null && user.active()) {
        boolean teaches = id.equals(course.instructorId());
        members.add(new Member(user, LisRoles.of(teaches ? null : user.role(), teaches)));
      }
    }
    return new Roster(
        course,
        new Page<>(members, page.page(), page.size(), page.totalItems(), page.totalPages()));
  }
}
