package io.lectern.quiz.internal;

import static io.lectern.shared.persistence.Columns.instant;
import static io.lectern.shared.persistence.Columns.intValue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Quizzes, their questions and per-student overrides. */
@ApplicationScoped
public class QuizRepository {

  private static final String ACCOMMODATION =
      """
      SELECT extra_time_seconds, extra_attempts, updated_at
      FROM quiz.overrides
      WHERE quiz_id = :quiz
        AND user_id = :user
      """;

  private static final String PUT_OVERRIDE =
      """
      INSERT INTO quiz.overrides (quiz_id, user_id, extra_time_seconds, extra_attempts, updated_at)
      VALUES (:quiz, :user, :time, :attempts, :now)
      ON CONFLICT (quiz_id, user_id) DO UPDATE
      SET extra_time_seconds = EXCLUDED.extra_time_seconds,
          extra_attempts = EXCLUDED.extra_attempts,
          updated_at = EXCLUDED.updated_at
      """;

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public Optional<Quiz> find(UUID id) {
    return Optional.ofNullable(em.find(Quiz.class, id));
  }

  /** Locks the quiz: authoring changes to it and its questions are serialised on this row. */
  public Optional<Quiz> lock(UUID id) {
    return Optional.ofNullable(em.find(Quiz.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  public Optional<Quiz> findByLesson(UUID lessonId) {
    return em
        .createQuery("select q from Quiz q where q.lessonId = :lesson", Quiz.class)
        .setParameter("lesson", lessonId)
        .getResultList()
        .stream()
        .findFirst();
  }

  public Optional<Quiz> lockByLesson(UUID lessonId) {
    return em
        .createQuery("select q from Quiz q where q.lessonId = :lesson", Quiz.class)
        .setParameter("lesson", lessonId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .stream()
        .findFirst();
  }

  /** Inserts the quiz; a concurrent PUT for the same lesson loses with a 409. */
  public void add(Quiz quiz) {
    em.persist(quiz);
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (e.getCause() instanceof org.hibernate.exception.ConstraintViolationException) {
        throw io.lectern.shared.error.LmsException.conflict(
            "quiz.concurrent-create", "The lesson's quiz was created at the same time; retry.");
      }
      throw e;
    }
  }

  /** True when the lesson has a published quiz with at least one question. */
  public boolean hasPublishedQuiz(UUID lessonId) {
    return em.createQuery(
                "select count(q) from Quiz q where q.lessonId = :lesson and q.published = true"
                    + " and exists (select 1 from Question x where x.quizId = q.id)",
                Long.class)
            .setParameter("lesson", lessonId)
            .getSingleResult()
        > 0;
  }

  /** The quiz's questions in authored order. */
  public List<Question> questions(UUID quizId) {
    return em.createQuery(
            "select x from Question x where x.quizId = :quiz order by x.orderIndex, x.createdAt,"
                + " x.id",
            Question.class)
        .setParameter("quiz", quizId)
        .getResultList();
  }

  public Optional<Question> findQuestion(UUID id) {
    return Optional.ofNullable(em.find(Question.class, id));
  }

  public void addQuestion(Question question) {
    em.persist(question);
  }

  public void removeQuestion(Question question) {
    em.remove(question);
  }

  /** True once any student has started an attempt: from then on the grading is fixed. */
  public boolean hasAttempts(UUID quizId) {
    return !em.createQuery("select a.id from Attempt a where a.quizId = :quiz", UUID.class)
        .setParameter("quiz", quizId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** A student's accommodations on a quiz. */
  public record Accommodation(int extraTimeSeconds, int extraAttempts, Instant updatedAt) {
    static final Accommodation NONE = new Accommodation(0, 0, null);
  }

  public Accommodation accommodation(UUID quizId, UUID userId) {
    @SuppressWarnings("unchecked")
    List<Tuple> rows =
        em.createNativeQuery(ACCOMMODATION, Tuple.class)
            .setParameter("quiz", quizId)
            .setParameter("user", userId)
            .getResultList();
    if (rows.isEmpty()) {
      return Accommodation.NONE;
    }
    Tuple row = rows.get(0);
    return new Accommodation(
        intValue(row, "extra_time_seconds"),
        intValue(row, "extra_attempts"),
        instant(row, "updated_at"));
  }

  public void putOverride(UUID quizId, UUID userId, int extraTime, int extraAttempts, Instant now) {
    em.createNativeQuery(PUT_OVERRIDE)
        .setParameter("quiz", quizId)
        .setParameter("user", userId)
        .setParameter("time", extraTime)
        .setParameter("attempts", extraAttempts)
        .setParameter("now", now)
        .executeUpdate();
  }
}
