package io.lectern.courses.internal;

import static io.lectern.shared.persistence.Columns.intValue;
import static io.lectern.shared.persistence.Columns.longValue;

import io.lectern.courses.api.Difficulty;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.persistence.ReplicaReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class CourseRepository {

  /**
   * A page of the published catalogue with each course's lesson count and the number of all hits (a
   * window count, so the search runs once per request). Filled in with the {@code WHERE} conditions
   * and the {@code ORDER BY} of the request (fixed SQL; the values are parameters).
   */
  private static final String CATALOGUE_PAGE =
      """
      SELECT c.id,
             (SELECT COUNT(*) FROM courses.lessons l WHERE l.course_id = c.id) AS lesson_count,
             COUNT(*) OVER () AS total
      FROM courses.courses c
      WHERE %s
      ORDER BY %s
      LIMIT :limit OFFSET :offset
      """;

  /** The number of catalogue hits, for a page past the end; filled in like the page. */
  private static final String CATALOGUE_COUNT =
      """
      SELECT COUNT(*) AS total
      FROM courses.courses c
      WHERE %s
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  @Inject ReplicaReads reads;

  /** For reads: the replica's entity manager inside a routed public read, else the primary's. */
  private EntityManager reader() {
    return reads.entityManager(em);
  }

  public Optional<Course> find(UUID id) {
    return Optional.ofNullable(reader().find(Course.class, id));
  }

  public Optional<Course> findBySlug(String slug) {
    return reader()
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
    return reader()
        .createQuery(
            """
            SELECT c AS course,
                   (SELECT COUNT(l) FROM Lesson l WHERE l.courseId = c.id) AS lessonCount
            FROM Course c
            WHERE c.id = :id
            """,
            Tuple.class)
        .setParameter("id", id)
        .getResultList()
        .stream()
        .findFirst()
        .map(r -> new CatalogueRow(r.get("course", Course.class), intValue(r, "lessonCount")));
  }

  /** Lesson counts of several courses in one query; courses without lessons are absent. */
  public Map<UUID, Integer> lessonCounts(java.util.Collection<UUID> courseIds) {
    Map<UUID, Integer> counts = new java.util.HashMap<>();
    if (courseIds.isEmpty()) {
      return counts;
    }
    reader()
        .createQuery(
            """
            SELECT l.courseId AS courseId, COUNT(l) AS lessons
            FROM Lesson l
            WHERE l.courseId IN :ids
            GROUP BY l.courseId
            """,
            Tuple.class)
        .setParameter("ids", courseIds)
        .getResultList()
        .forEach(row -> counts.put(row.get("courseId", UUID.class), intValue(row, "lessons")));
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
    List<String> conditions = new ArrayList<>(List.of("c.is_published"));
    Map<String, Object> params = new LinkedHashMap<>();
    if (query.text() != null) {
      conditions.add("c.search_vector @@ websearch_to_tsquery('english', :q)");
      params.put("q", query.text());
    }
    if (query.category() != null) {
      conditions.add("c.category = :category");
      params.put("category", query.category());
    }
    if (query.difficulty() != null) {
      conditions.add("c.difficulty = :difficulty");
      params.put("difficulty", query.difficulty().value());
    }
    if (query.instructorId() != null) {
      conditions.add("c.instructor_id = :instructor");
      params.put("instructor", query.instructorId());
    }
    String where = String.join("\n  AND ", conditions);
    String order =
        query.sort() == CatalogueQuery.Sort.TITLE
            ? "LOWER(c.title), c.id"
            : "c.published_at DESC, c.id";
    // The total comes with the page (a window count), so the search runs once per request; only a
    // page past the end, which has no rows to carry it, needs its own count.
    EntityManager em = reader();
    Query items = em.createNativeQuery(CATALOGUE_PAGE.formatted(where, order), Tuple.class);
    params.forEach(items::setParameter);
    items.setParameter("limit", paging.size());
    items.setParameter("offset", paging.offset());
    @SuppressWarnings("unchecked")
    List<Tuple> rows = items.getResultList();
    long total;
    if (!rows.isEmpty()) {
      total = longValue(rows.get(0), "total");
    } else if (paging.offset() == 0) {
      total = 0;
    } else {
      Query count = em.createNativeQuery(CATALOGUE_COUNT.formatted(where), Tuple.class);
      params.forEach(count::setParameter);
      total = longValue((Tuple) count.getSingleResult(), "total");
    }
    List<UUID> ids = rows.stream().map(r -> r.get("id", UUID.class)).toList();
    Map<UUID, Course> courses = new LinkedHashMap<>();
    if (!ids.isEmpty()) {
      em.createQuery("select c from Course c where c.id in :ids", Course.class)
          .setParameter("ids", ids)
          .getResultList()
          .forEach(c -> courses.put(c.id(), c));
    }
    List<CatalogueRow> result =
        rows.stream()
            .map(
                r ->
                    new CatalogueRow(
                        courses.get(r.get("id", UUID.class)), intValue(r, "lesson_count")))
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
