package io.lectern.courses.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.CourseView;
import io.lectern.courses.api.LessonView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DefaultCourseCatalog implements CourseCatalog {

  @Inject CourseRepository courses;
  @Inject LessonRepository lessons;

  @Override
  public Optional<CourseView> findCourse(UUID courseId) {
    return courses
        .findWithLessonCount(courseId)
        .map(
            row ->
                new CourseView(
                    row.course().id(),
                    row.course().title(),
                    row.course().slug(),
                    row.course().instructorId(),
                    row.course().published(),
                    row.course().publishedAt(),
                    row.lessonCount()));
  }

  @Override
  public Optional<CourseView> findCourseBySlug(String slug) {
    return courses.findBySlug(slug).flatMap(c -> findCourse(c.id()));
  }

  @Override
  public Optional<LessonView> findLesson(UUID lessonId) {
    return lessons
        .find(lessonId)
        .flatMap(
            lesson ->
                outline(lesson.courseId()).stream()
                    .filter(v -> v.id().equals(lessonId))
                    .findFirst());
  }

  @Override
  public List<LessonView> outline(UUID courseId) {
    List<OutlineEntry> ordered = lessons.outlineOf(courseId);
    List<LessonView> views = new ArrayList<>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) {
      OutlineEntry l = ordered.get(i);
      views.add(
          new LessonView(
              l.id(),
              l.courseId(),
              l.parentLessonId(),
              l.title(),
              l.type(),
              l.orderIndex(),
              i,
              l.durationMinutes(),
              l.preview()));
    }
    return views;
  }
}
