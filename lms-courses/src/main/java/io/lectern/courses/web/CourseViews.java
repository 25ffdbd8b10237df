package io.lectern.courses.web;

import io.lectern.courses.internal.CatalogueService.CourseWithLessons;
import io.lectern.courses.internal.Course;
import io.lectern.courses.internal.Lesson;
import io.lectern.courses.web.CourseResponses.CourseDetail;
import io.lectern.courses.web.CourseResponses.Instructor;
import io.lectern.courses.web.CourseResponses.OutlineNode;
import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Assembles course responses, looking up instructor names in one query per response. */
@ApplicationScoped
public class CourseViews {

  @Inject UserDirectory users;

  Map<UUID, UserView> instructorsOf(List<Course> courses) {
    return users.findAll(courses.stream().map(Course::instructorId).distinct().toList());
  }

  CourseDetail detail(CourseWithLessons loaded) {
    Course c = loaded.course();
    Map<UUID, UserView> instructor = instructorsOf(List.of(c));
    List<OutlineNode> outline = nodes(null, parent -> loaded.lessons().childrenOf(parent));
    return new CourseDetail(
        c.id(),
        c.title(),
        c.slug(),
        c.description(),
        Instructor.of(c.instructorId(), instructor),
        c.category(),
        c.difficulty() == null ? null : c.difficulty().value(),
        c.published(),
        c.publishedAt(),
        c.slugLocked(),
        c.thumbnailUrl(),
        c.estimatedDurationMinutes(),
        CourseResponses.json(c.metadata()),
        loaded.lessons().count(),
        c.createdAt(),
        c.updatedAt(),
        outline);
  }

  static List<OutlineNode> nodes(UUID parent, Function<UUID, List<Lesson>> children) {
    List<OutlineNode> nodes = new ArrayList<>();
    for (Lesson lesson : children.apply(parent)) {
      nodes.add(
          new OutlineNode(
              lesson.id(),
              lesson.title(),
              lesson.slug(),
              lesson.type().value(),
              lesson.durationMinutes(),
              lesson.preview(),
              lesson.orderIndex(),
              nodes(lesson.id(), children)));
    }
    return nodes;
  }
}
