package io.lectern.courses.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
