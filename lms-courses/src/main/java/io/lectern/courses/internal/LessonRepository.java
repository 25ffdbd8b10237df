package io.lectern.courses.internal;

import io.lectern.courses.api.LessonType;
import io.lectern.shared.persistence.ReplicaReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
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

  @Inject ReplicaReads reads;

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
        reads
            .entityManager(em)
            .createQuery(
                """
                SELECT l.id AS lessonId, l.courseId AS courseId, l.parentLessonId AS parentLessonId,
                       l.title AS title, l.slug AS slug, l.type AS lessonType,
                       l.orderIndex AS orderIndex, l.durationMinutes AS durationMinutes,
                       l.preview AS preview, l.createdAt AS createdAt
                FROM Lesson l
                WHERE l.courseId = :course
                """,
                Tuple.class)
            .setParameter("course", courseId)
            .getResultList()
            .stream()
            .map(
                r ->
                    new OutlineEntry(
                        r.get("lessonId", UUID.class),
                        r.get("courseId", UUID.class),
                        r.get("parentLessonId", UUID.class),
                        r.get("title", String.class),
                        r.get("slug", String.class),
                        LessonType.fromValue(r.get("lessonType", String.class)),
                        r.get("orderIndex", Integer.class),
                        r.get("durationMinutes", Integer.class),
                        r.get("preview", Boolean.class),
                        r.get("createdAt", Instant.class)))
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
