package io.lectern.courses.internal;

import io.lectern.courses.api.Difficulty;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class CourseRepository {

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public Optional<Course> find(UUID id) {
    return Optional.ofNullable(em.find(Course.class, id));
  }

  public Optional<Course> findBySlug(String slug) {
    return em
        .createQuery("select c from Course c where c.slug = :slug", Course.class)
        .setParameter("slug", slug)
        .getResultList()
        .stream()
        .findFirst();
  }

  /**
   * Locks the course row until the transaction ends. Every change to a course's lesson structure
   * takes this lock first, so concurrent edits cannot break the dense sibling order.
   */
  public Optional<Course> lock(UUID id) {
    return Optional.ofNullable(em.find(Course.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /** Inserts the course; a slug taken by a concurrent request at the same moment is a 409. */
  public void add(Course course) {
    em.persist(course);
    flushMappingSlugConflicts();
  }

  /** Writes pending changes now, so a slug clash surfaces as 409 rather than at commit. */
  public void flushMappingSlugConflicts() {
    try {
      em.flush();
    } catch (jakarta.persistence.PersistenceException e) {
      if (e.getCause() instanceof org.hibernate.exception.ConstraintViolationException) {
        throw io.lectern.shared.error.LmsException.conflict(
            "courses.slug-taken", "This slug was taken at the same moment; try again.");
      }
      throw e;
    }
  }

  public void remove(Course course) {
    em.remove(course);
  }

  /** Slugs already used that equal {@code base} or start with {@code base-}. */
  public Set<String> slugsLike(String base) {
    return new HashSet<>(
        em.createQuery(
                "select c.slug from Course c where c.slug = :base or c.slug like :prefix",
                String.class)
            .setParameter("base", base)
            .setParameter("prefix", base + "-%")
            .getResultList());
  }

  /** The course with its lesson count, in one query. */
  public Optional<CatalogueRow> findWithLessonCount(UUID id) {
    return em
        .createQuery(
            "select c, (select count(l) from Lesson l where l.courseId = c.id) from Course c"
                + " where c.id = :id",
            Object[].class)
        .setParameter("id", id)
        .getResultList()
        .stream()
        .findFirst()
        .map(r -> new CatalogueRow((Course) r[0], ((Number) r[1]).intValue()));
  }

  /** Lesson counts of several courses in one query; courses without lessons are absent. */
  public Map<UUID, Integer> lessonCounts(java.util.Collection<UUID> courseIds) {
    Map<UUID, Integer> counts = new java.util.HashMap<>();
    if (courseIds.isEmpty()) {
      return counts;
    }
    em.createQuery(
            "select l.courseId, count(l) from Lesson l where l.courseId in :ids group by l.courseId",
            Object[].class)
        .setParameter("ids", courseIds)
        .getResultList()
        .forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).intValue()));
    return counts;
  }

  /** Courses of one instructor (or of all, when {@code instructorId} is null), drafts included. */
  public Page<Course> authored(UUID instructorId, Boolean published, PageRequest paging) {
    String where = " where 1 = 1";
    if (instructorId != null) {
      where += " and c.instructorId = :instructor";
    }
    if (published != null) {
      where += " and c.published = :published";
    }
    var items =
        em.createQuery(
            "select c from Course c" + where + " order by c.createdAt desc, c.id", Course.class);
    var count = em.createQuery("select count(c) from Course c" + where, Long.class);
    for (var query : List.<jakarta.persistence.TypedQuery<?>>of(items, count)) {
      if (instructorId != null) {
        query.setParameter("instructor", instructorId);
      }
      if (published != null) {
        query.setParameter("published", published);
      }
    }
    List<Course> found =
        items.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList();
    return Page.of(found, paging, count.getSingleResult());
  }

  /**
   * The published catalogue. Full-text search uses the generated {@code search_vector} column and
   * its GIN index ({@code websearch_to_tsquery} accepts what people type: words, "phrases", -not).
   */
  public Page<CatalogueRow> catalogue(CatalogueQuery query, PageRequest paging) {
    StringBuilder where = new StringBuilder(" where c.is_published");
    Map<String, Object> params = new LinkedHashMap<>();
    if (query.text() != null) {
      where.append(" and c.search_vector @@ websearch_to_tsquery('english', :q)");
      params.put("q", query.text());
    }
    if (query.category() != null) {
      where.append(" and c.category = :category");
      params.put("category", query.category());
    }
    if (query.difficulty() != null) {
      where.append(" and c.difficulty = :difficulty");
      params.put("difficulty", query.difficulty().value());
    }
    if (query.instructorId() != null) {
      where.append(" and c.instructor_id = :instructor");
      params.put("instructor", query.instructorId());
    }
    String order =
        query.sort() == CatalogueQuery.Sort.TITLE
            ? " order by lower(c.title), c.id"
            : " order by c.published_at desc, c.id";
    // The total comes with the page (a window count), so the search runs once per request; only a
    // page past the end, which has no rows to carry it, needs its own count.
    Query items =
        em.createNativeQuery(
            "select c.id, (select count(*) from courses.lessons l where l.course_id = c.id),"
                + " count(*) over ()"
                + " from courses.courses c"
                + where
                + order
                + " limit :limit offset :offset");
    params.forEach(items::setParameter);
    items.setParameter("limit", paging.size());
    items.setParameter("offset", paging.offset());
    @SuppressWarnings("unchecked")
    List<Object[]> rows = items.getResultList();
    long total;
    if (!rows.isEmpty()) {
      total = ((Number) rows.get(0)[2]).longValue();
    } else if (paging.offset() == 0) {
      total = 0;
    } else {
      Query count = em.createNativeQuery("select count(*) from courses.courses c" + where);
      params.forEach(count::setParameter);
      total = ((Number) count.getSingleResult()).longValue();
    }
    List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
    Map<UUID, Course> courses = new LinkedHashMap<>();
    if (!ids.isEmpty()) {
      em.createQuery("select c from Course c where c.id in :ids", Course.class)
          .setParameter("ids", ids)
          .getResultList()
          .forEach(c -> courses.put(c.id(), c));
    }
    List<CatalogueRow> result =
        rows.stream()
            .map(r -> new CatalogueRow(courses.get((UUID) r[0]), ((Number) r[1]).intValue()))
            .toList();
    return Page.of(result, paging, total);
  }

  /** A catalogue hit: the course and how many lessons it has. */
  public record CatalogueRow(Course course, int lessonCount) {}

  /** Catalogue filters; null means "any". */
  public record CatalogueQuery(
      String text, String category, Difficulty difficulty, UUID instructorId, Sort sort) {

    public enum Sort {
      NEWEST,
      TITLE
    }
  }
}
