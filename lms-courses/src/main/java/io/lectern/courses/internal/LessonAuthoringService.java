package io.lectern.courses.internal;

import io.lectern.courses.api.LessonType;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Adding, changing, moving, reordering and deleting lessons. Every structural change first locks
 * the course row, then works on the whole lesson tree of the course, so sibling order stays dense
 * and the depth and cycle rules hold under concurrent edits.
 */
@ApplicationScoped
public class LessonAuthoringService {

  @Inject CourseAuthoringService courses;
  @Inject LessonRepository lessons;

  @Transactional
  public Lesson add(UUID courseId, CourseCommands.NewLesson input) {
    Course course = courses.editableLocked(courseId);
    LessonTree tree = lessons.treeOf(courseId);
    UUID parent = input.parentLessonId();
    if (parent != null) {
      requireParentInCourse(tree, parent);
      if (!tree.fitsUnder(parent, 1)) {
        throw tooDeep();
      }
    }
    Instant now = courses.now();
    String slug = chooseSlug(courseId, input.slug(), input.title(), null);
    Lesson lesson =
        new Lesson(
            courseId, parent, input.title(), slug, LessonType.fromValue(input.type()), 0, now);
    lesson.setDescription(CourseCommands.cleared(input.description()));
    lesson.setContent(CourseCommands.cleared(input.content()));
    lesson.setDurationMinutes(input.durationMinutes());
    lesson.setVideoUrl(CourseCommands.cleared(input.videoUrl()));
    lesson.setPreview(Boolean.TRUE.equals(input.preview()));
    if (input.metadata() != null) {
      lesson.setMetadata(input.metadata().toString());
    }
    tree.insert(lesson, input.position());
    lessons.add(lesson);
    course.touch(now);
    return lesson;
  }

  @Transactional
  public Lesson update(UUID lessonId, CourseCommands.LessonChanges changes) {
    Lesson found = lessons.find(lessonId).orElseThrow(CourseErrors::lessonNotFound);
    Course course = courses.editableLocked(found.courseId());
    LessonTree tree = lessons.treeOf(course.id());
    Lesson lesson = tree.get(lessonId);
    if (changes.parentLessonId() != null) {
      UUID newParent =
          changes.parentLessonId().isEmpty() ? null : UUID.fromString(changes.parentLessonId());
      if (newParent != null) {
        requireParentInCourse(tree, newParent);
        if (tree.isInSubtree(newParent, lessonId)) {
          throw LmsException.businessRule(
              "courses.lesson-cycle",
              "A lesson cannot be moved under itself or one of its children.");
        }
      }
      if (!tree.fitsUnder(newParent, tree.height(lessonId))) {
        throw tooDeep();
      }
      tree.move(lesson, newParent, changes.position());
    } else if (changes.position() != null) {
      tree.move(lesson, lesson.parentLessonId(), changes.position());
    }
    if (changes.slug() != null && !changes.slug().equals(lesson.slug())) {
      lesson.setSlug(chooseSlug(course.id(), changes.slug(), lesson.title(), lessonId));
    }
    if (changes.title() != null) {
      lesson.setTitle(changes.title());
    }
    if (changes.description() != null) {
      lesson.setDescription(CourseCommands.cleared(changes.description()));
    }
    if (changes.content() != null) {
      lesson.setContent(CourseCommands.cleared(changes.content()));
    }
    if (changes.type() != null) {
      lesson.setType(LessonType.fromValue(changes.type()));
    }
    if (changes.durationMinutes() != null) {
      lesson.setDurationMinutes(changes.durationMinutes());
    }
    if (changes.videoUrl() != null) {
      lesson.setVideoUrl(CourseCommands.cleared(changes.videoUrl()));
    }
    if (changes.preview() != null) {
      lesson.setPreview(changes.preview());
    }
    if (changes.metadata() != null) {
      lesson.setMetadata(changes.metadata().toString());
    }
    Instant now = courses.now();
    lesson.touch(now);
    course.touch(now);
    return lesson;
  }

  /** Deletes the lesson together with its nested lessons, and closes the gap among its siblings. */
  @Transactional
  public void delete(UUID lessonId) {
    Lesson found = lessons.find(lessonId).orElseThrow(CourseErrors::lessonNotFound);
    Course course = courses.editableLocked(found.courseId());
    LessonTree tree = lessons.treeOf(course.id());
    List<UUID> doomed = List.copyOf(tree.subtree(lessonId));
    tree.remove(lessonId);
    lessons.removeAll(doomed);
    course.touch(courses.now());
  }

  /** Sets the order of one level; the list must name exactly the current siblings. */
  @Transactional
  public List<Lesson> reorder(UUID courseId, CourseCommands.LessonOrder order) {
    Course course = courses.editableLocked(courseId);
    LessonTree tree = lessons.treeOf(courseId);
    UUID parent = order.parentLessonId();
    if (parent != null) {
      requireParentInCourse(tree, parent);
    }
    if (!tree.isExactlyChildrenOf(parent, order.lessonIds())) {
      throw LmsException.invalidField(
          "courses.invalid-order",
          "lessonIds",
          "must list each current lesson of this level exactly once ("
              + tree.children(parent).size()
              + " lessons)");
    }
    tree.reorder(parent, order.lessonIds());
    course.touch(courses.now());
    return tree.children(parent);
  }

  private static void requireParentInCourse(LessonTree tree, UUID parent) {
    if (!tree.contains(parent)) {
      throw LmsException.validation(
          "courses.invalid-parent",
          "The parent lesson must be a lesson of the same course.",
          List.of(new Violation("parentLessonId", "is not a lesson of this course")));
    }
  }

  private static LmsException tooDeep() {
    return LmsException.businessRule(
        "courses.lesson-too-deep",
        "Lessons nest at most " + LessonTree.MAX_DEPTH + " levels deep.");
  }

  private String chooseSlug(UUID courseId, String requested, String title, UUID lessonId) {
    if (requested != null) {
      boolean taken =
          lessons.slugsLike(courseId, requested).contains(requested)
              && lessons.ofCourse(courseId).stream()
                  .anyMatch(l -> l.slug().equals(requested) && !l.id().equals(lessonId));
      if (taken) {
        throw LmsException.conflict(
            "courses.lesson-slug-taken",
            "Another lesson of this course already uses the slug '" + requested + "'.");
      }
      return requested;
    }
    String base = Slugs.from(title);
    return Slugs.firstFree(base, lessons.slugsLike(courseId, base));
  }
}
