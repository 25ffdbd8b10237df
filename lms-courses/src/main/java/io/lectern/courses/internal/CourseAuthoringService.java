package io.lectern.courses.internal;

import io.lectern.courses.api.Difficulty;
import io.lectern.courses.api.LessonType;
import io.lectern.courses.api.QuizReadiness;
import io.lectern.courses.api.event.CoursePublished;
import io.lectern.courses.api.event.CourseUnpublished;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.security.CurrentUser;
import io.lectern.shared.security.Role;
import io.lectern.users.api.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Instructors' and admins' work on courses: create, change, publish, unpublish, delete. */
@ApplicationScoped
public class CourseAuthoringService {

  @Inject CourseRepository courses;
  @Inject LessonRepository lessons;
  @Inject CourseAccess access;
  @Inject CurrentUser currentUser;
  @Inject UserDirectory users;
  @Inject Instance<QuizReadiness> quizReadiness;
  @Inject Event<CoursePublished> published;
  @Inject Event<CourseUnpublished> unpublished;
  @Inject Clock clock;

  @Transactional
  public Course create(CourseCommands.NewCourse input) {
    UUID instructor = currentUser.id();
    if (input.instructorId() != null && !input.instructorId().equals(instructor)) {
      if (!currentUser.isAdmin()) {
        throw LmsException.forbidden(
            "courses.instructor-not-allowed", "Only admins may create a course for someone else.");
      }
      instructor = requireTeacher(input.instructorId());
    }
    String slug = chooseSlug(input.slug(), input.title(), null);
    Course course = new Course(input.title(), slug, instructor, clock.instant());
    course.setDescription(CourseCommands.cleared(input.description()));
    course.setCategory(CourseCommands.cleared(input.category()));
    course.setDifficulty(Difficulty.fromValue(input.difficulty()));
    course.setThumbnailUrl(CourseCommands.cleared(input.thumbnailUrl()));
    course.setEstimatedDurationMinutes(input.estimatedDurationMinutes());
    if (input.metadata() != null) {
      course.setMetadata(input.metadata().toString());
    }
    courses.add(course);
    return course;
  }

  @Transactional
  public Course update(UUID courseId, CourseCommands.CourseChanges changes) {
    Course course = editable(courseId);
    if (changes.slug() != null && !changes.slug().equals(course.slug())) {
      if (course.slugLocked()) {
        throw LmsException.conflict(
            "courses.slug-locked",
            "The slug of a course that has been published cannot change; links to it must keep"
                + " working.");
      }
      course.setSlug(chooseSlug(changes.slug(), course.title(), course.id()));
    }
    if (changes.title() != null) {
      course.setTitle(changes.title());
    }
    if (changes.description() != null) {
      course.setDescription(CourseCommands.cleared(changes.description()));
    }
    if (changes.category() != null) {
      course.setCategory(CourseCommands.cleared(changes.category()));
    }
    if (changes.difficulty() != null) {
      course.setDifficulty(Difficulty.fromValue(changes.difficulty()));
    }
    if (changes.thumbnailUrl() != null) {
      course.setThumbnailUrl(CourseCommands.cleared(changes.thumbnailUrl()));
    }
    if (changes.estimatedDurationMinutes() != null) {
      course.setEstimatedDurationMinutes(changes.estimatedDurationMinutes());
    }
    if (changes.metadata() != null) {
      course.setMetadata(changes.metadata().toString());
    }
    course.touch(clock.instant());
    return course;
  }

  /** Deletes a course with its lessons; a course with enrolments can only be unpublished. */
  @Transactional
  public void delete(UUID courseId) {
    Course course = editable(courseId);
    if (access.hasEnrollments(course)) {
      throw LmsException.conflict(
          "courses.has-enrollments",
          "Students are enrolled in this course, so it cannot be deleted; unpublish it instead.");
    }
    lessons.removeAll(lessons.treeOf(courseId).outline().stream().map(Lesson::id).toList());
    courses.remove(course);
  }

  /** Publishes the course if it is complete enough; otherwise 422 listing everything missing. */
  @Transactional
  public Course publish(UUID courseId) {
    Course course = editableLocked(courseId);
    List<Violation> missing = new ArrayList<>();
    LessonTree tree = lessons.treeOf(courseId);
    if (course.title() == null || course.title().isBlank()) {
      missing.add(new Violation("title", "the course needs a title"));
    }
    if (tree.size() == 0) {
      missing.add(new Violation("lessons", "the course needs at least one lesson"));
    }
    for (Lesson lesson : tree.outline()) {
      if (lesson.type() == LessonType.VIDEO && lesson.videoUrl() == null) {
        missing.add(
            new Violation(
                "lessons." + lesson.id() + ".videoUrl",
                "video lesson '" + lesson.title() + "' has no video URL"));
      }
      if (lesson.type() == LessonType.QUIZ && !quizReady(lesson.id())) {
        missing.add(
            new Violation(
                "lessons." + lesson.id() + ".quiz",
                "quiz lesson '" + lesson.title() + "' has no published quiz"));
      }
    }
    if (!missing.isEmpty()) {
      throw LmsException.businessRule(
          "courses.not-publishable",
          "The course cannot be published yet: " + missing.size() + " item(s) missing.",
          missing);
    }
    boolean wasPublished = course.published();
    course.publish(clock.instant());
    if (!wasPublished) {
      published.fire(new CoursePublished(course.id(), course.instructorId()));
    }
    return course;
  }

  @Transactional
  public Course unpublish(UUID courseId) {
    Course course = editable(courseId);
    boolean wasPublished = course.published();
    course.unpublish(clock.instant());
    if (wasPublished) {
      unpublished.fire(new CourseUnpublished(course.id()));
    }
    return course;
  }

  /** The caller's courses, drafts included; admins see everyone's, optionally one instructor's. */
  public Page<Course> authored(UUID instructorFilter, Boolean publishedFilter, PageRequest paging) {
    UUID instructor = instructorFilter;
    if (!currentUser.isAdmin()) {
      if (instructorFilter != null && !instructorFilter.equals(currentUser.id())) {
        throw LmsException.forbidden(
            "courses.not-owner", "Instructors may only list their own courses.");
      }
      instructor = currentUser.id();
    }
    return courses.authored(instructor, publishedFilter, paging);
  }

  Course editable(UUID courseId) {
    Course course = courses.find(courseId).orElseThrow(CourseErrors::courseNotFound);
    access.requireVisible(course);
    access.requireEditable(course);
    return course;
  }

  Course editableLocked(UUID courseId) {
    Course course = courses.lock(courseId).orElseThrow(CourseErrors::courseNotFound);
    access.requireVisible(course);
    access.requireEditable(course);
    return course;
  }

  private boolean quizReady(UUID lessonId) {
    for (QuizReadiness readiness : quizReadiness) {
      return readiness.hasPublishedQuiz(lessonId);
    }
    return true; // no quiz module deployed: nothing to check
  }

  private UUID requireTeacher(UUID userId) {
    var user =
        users
            .find(userId)
            .filter(u -> u.active() && (u.role() == Role.INSTRUCTOR || u.role() == Role.ADMIN))
            .orElseThrow(
                () ->
                    LmsException.invalidField(
                        "courses.invalid-instructor",
                        "instructorId",
                        "must be the id of an active instructor or admin"));
    return user.id();
  }

  /** The requested slug if free (409 otherwise), else one derived from the title. */
  private String chooseSlug(String requested, String title, UUID courseId) {
    if (requested != null) {
      courses
          .findBySlug(requested)
          .filter(other -> !other.id().equals(courseId))
          .ifPresent(
              other -> {
                throw LmsException.conflict(
                    "courses.slug-taken",
                    "Another course already uses the slug '" + requested + "'.");
              });
      return requested;
    }
    String base = Slugs.from(title);
    return Slugs.firstFree(base, courses.slugsLike(base));
  }

  Instant now() {
    return clock.instant();
  }
}
