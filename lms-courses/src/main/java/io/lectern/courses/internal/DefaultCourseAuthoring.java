package io.lectern.courses.internal;

import io.lectern.courses.api.CourseAuthoring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The authoring services behind {@link CourseAuthoring}, with their validation and access rules.
 */
@ApplicationScoped
public class DefaultCourseAuthoring implements CourseAuthoring {

  @Inject CourseAuthoringService courses;
  @Inject LessonAuthoringService lessonAuthoring;
  @Inject CourseRepository courseRepository;
  @Inject LessonRepository lessons;
  @Inject CourseAccess access;

  @Override
  @Transactional
  public UUID createDraft(NewCourse course) {
    return courses
        .create(
            new CourseCommands.NewCourse(
                course.title(),
                null,
                course.description(),
                course.category(),
                course.difficulty(),
                null,
                course.estimatedDurationMinutes(),
                null,
                null))
        .id();
  }

  @Override
  @Transactional
  public UUID addLesson(UUID courseId, NewLesson lesson) {
    return lessonAuthoring
        .add(
            courseId,
            new CourseCommands.NewLesson(
                lesson.title(),
                null,
                lesson.description(),
                lesson.content(),
                lesson.type().value(),
                lesson.parentLessonId(),
                null,
                lesson.durationMinutes(),
                lesson.videoUrl(),
                lesson.preview(),
                lesson.metadata()))
        .id();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<CourseContent> content(UUID courseId) {
    Optional<Course> found = courseRepository.find(courseId);
    if (found.isEmpty() || !found.get().published() && !access.canEdit(found.get())) {
      return Optional.empty();
    }
    Course course = found.get();
    access.requireEditable(course);
    List<LessonContent> outline = new ArrayList<>();
    for (Lesson l : lessons.treeOf(courseId).outline()) {
      outline.add(
          new LessonContent(
              l.id(),
              l.parentLessonId(),
              l.title(),
              l.type(),
              l.description(),
              l.content(),
              l.videoUrl(),
              l.durationMinutes(),
              l.preview(),
              l.metadata()));
    }
    return Optional.of(
        new CourseContent(
            course.id(),
            course.title(),
            course.description(),
            course.category(),
            course.difficulty() == null ? null : course.difficulty().value(),
            course.estimatedDurationMinutes(),
            outline));
  }
}
