package io.lectern.courses.web;

import io.lectern.courses.internal.CatalogueService.CourseWithLessons;
import io.lectern.courses.internal.Course;
import io.lectern.courses.internal.OutlineEntry;
import io.lectern.courses.web.CourseResponses.CourseDetail;
import io.lectern.courses.web.CourseResponses.Instructor;
import io.lectern.courses.web.CourseResponses.OutlineNode;
import io.lectern.users.api.UserDirectory;
import io.lectern.users.api.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
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
    // The outline is depth-first with siblings in order, so grouping keeps each level's order.
    Map<UUID, List<OutlineEntry>> children = new HashMap<>();
    for (OutlineEntry lesson : loaded.outline()) {
      children.computeIfAbsent(lesson.parentLessonId(), k -> new ArrayList<>()).add(lesson);
    }
    List<OutlineNode> outline = nodes(null, parent -> children.getOrDefault(parent, List.of()));
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
        loaded.outline().size(),
        c.createdAt(),
        c.updatedAt(),
        outline);
  }

  static List<OutlineNode> nodes(UUID parent, Function<UUID, List<OutlineEntry>> children) {
    List<OutlineNode> nodes = new ArrayList<>();
    for (OutlineEntry lesson : children.apply(parent)) {
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
