package io.lectern.courses.internal;

import io.lectern.courses.api.LessonType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class LessonRepository {

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public Optional<Lesson> find(UUID id) {
    return Optional.ofNullable(em.find(Lesson.class, id));
  }

  public List<Lesson> ofCourse(UUID courseId) {
    return em.createQuery(
            "select l from Lesson l where l.courseId = :course order by l.orderIndex, l.createdAt",
            Lesson.class)
        .setParameter("course", courseId)
        .getResultList();
  }

  /** The course's lessons as {@link OutlineEntry} values in reading order (depth-first). */
  public List<OutlineEntry> outlineOf(UUID courseId) {
    List<OutlineEntry> entries =
        em
            .createQuery(
                "select l.id, l.courseId, l.parentLessonId, l.title, l.slug, l.type, l.orderIndex,"
                    + " l.durationMinutes, l.preview, l.createdAt from Lesson l"
                    + " where l.courseId = :course",
                Object[].class)
            .setParameter("course", courseId)
            .getResultList()
            .stream()
            .map(
                r ->
                    new OutlineEntry(
                        (UUID) r[0],
                        (UUID) r[1],
                        (UUID) r[2],
                        (String) r[3],
                        (String) r[4],
                        LessonType.fromValue((String) r[5]),
                        (Integer) r[6],
                        (Integer) r[7],
                        (Boolean) r[8],
                        (Instant) r[9]))
            .toList();
    return LessonTree.depthFirst(
        entries,
        OutlineEntry::id,
        OutlineEntry::parentLessonId,
        LessonTree.siblingOrder(
            OutlineEntry::orderIndex, OutlineEntry::createdAt, OutlineEntry::id));
  }

  public LessonTree treeOf(UUID courseId) {
    return new LessonTree(ofCourse(courseId));
  }

  public void add(Lesson lesson) {
    em.persist(lesson);
  }

  /**
   * Deletes the lessons; children are listed too, deepest first, so no row loses its parent early.
   */
  public void removeAll(Collection<UUID> idsParentsFirst) {
    List<UUID> deepestFirst = new java.util.ArrayList<>(idsParentsFirst);
    java.util.Collections.reverse(deepestFirst);
    for (UUID id : deepestFirst) {
      Lesson lesson = em.find(Lesson.class, id);
      if (lesson != null) {
        em.remove(lesson);
      }
    }
  }

  public Set<String> slugsLike(UUID courseId, String base) {
    return new HashSet<>(
        em.createQuery(
                "select l.slug from Lesson l where l.courseId = :course"
                    + " and (l.slug = :base or l.slug like :prefix)",
                String.class)
            .setParameter("course", courseId)
            .setParameter("base", base)
            .setParameter("prefix", base + "-%")
            .getResultList());
  }
}
