package io.lectern.courses.internal;

import io.lectern.courses.api.Difficulty;
import io.lectern.courses.api.LessonType;
import io.lectern.shared.lifecycle.SchemaMigrated;
import io.lectern.users.api.UserDirectory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * In demo mode, a published sample course by the demo instructor with nested lessons of every type
 * (after the demo accounts exist: observer priority 200 runs after the users module's 100).
 */
@ApplicationScoped
public class DemoCourseSeeder {

  static final String SLUG = "getting-started-with-lectern";
  static final String DEMO_INSTRUCTOR = "instructor@lectern.local";
  private static final Logger LOG = Logger.getLogger(DemoCourseSeeder.class.getName());

  @Inject CourseRepository courses;
  @Inject LessonRepository lessons;
  @Inject UserDirectory users;
  @Inject Clock clock;

  @Transactional
  void seed(@Observes @Priority(200) SchemaMigrated migrated) {
    if (!migrated.demoData() || courses.findBySlug(SLUG).isPresent()) {
      return;
    }
    var instructor = users.findByEmail(DEMO_INSTRUCTOR).orElse(null);
    if (instructor == null) {
      return;
    }
    Instant now = clock.instant();
    Course course = new Course("Getting Started with Lectern", SLUG, instructor.id(), now);
    course.setDescription(
        "A short tour of an online course: videos, reading, a quiz and an assignment, nested"
            + " into chapters.");
    course.setCategory("platform");
    course.setDifficulty(Difficulty.BEGINNER);
    course.setEstimatedDurationMinutes(45);
    courses.add(course);

    LessonTree tree = new LessonTree(java.util.List.of());
    Lesson welcome = lesson(tree, course, null, "Welcome", "welcome", LessonType.VIDEO, 5, now);
    welcome.setVideoUrl("https://videos.example.org/lectern/welcome.mp4");
    welcome.setPreview(true);
    welcome.setContent("Meet your instructor and see what the course covers.");
    Lesson basics =
        lesson(tree, course, null, "The Basics", "the-basics", LessonType.TEXT, 10, now);
    basics.setContent("# The basics\n\nCourses are made of lessons, and lessons can nest.");
    Lesson outline =
        lesson(
            tree,
            course,
            basics.id(),
            "Reading the Outline",
            "reading-the-outline",
            LessonType.TEXT,
            5,
            now);
    outline.setContent("Lessons are ordered; chapters hold lessons.");
    Lesson deep =
        lesson(
            tree,
            course,
            outline.id(),
            "A Nested Detail",
            "a-nested-detail",
            LessonType.VIDEO,
            8,
            now);
    deep.setVideoUrl("https://videos.example.org/lectern/nesting.mp4");
    lesson(
        tree,
        course,
        basics.id(),
        "Check Your Understanding",
        "check-your-understanding",
        LessonType.QUIZ,
        5,
        now);
    Lesson assignment =
        lesson(
            tree,
            course,
            null,
            "Final Assignment",
            "final-assignment",
            LessonType.ASSIGNMENT,
            12,
            now);
    assignment.setContent("Outline a course of your own in five lessons.");
    course.publish(now);
    LOG.info("Created the demo course '" + course.title() + "' (/api/v1/courses/" + SLUG + ")");
  }

  private Lesson lesson(
      LessonTree tree,
      Course course,
      java.util.UUID parent,
      String title,
      String slug,
      LessonType type,
      int minutes,
      Instant now) {
    Lesson lesson = new Lesson(course.id(), parent, title, slug, type, 0, now);
    lesson.setDurationMinutes(minutes);
    tree.insert(lesson, null);
    lessons.add(lesson);
    return lesson;
  }
}
