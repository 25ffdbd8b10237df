package io.lectern.quiz.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Quizzes, their questions and per-student overrides. */
@ApplicationScoped
public class QuizRepository {

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
    List<Object[]> rows =
        em.createNativeQuery(
                "select extra_time_seconds, extra_attempts, updated_at from quiz.overrides"
                    + " where quiz_id = :quiz and user_id = :user")
            .setParameter("quiz", quizId)
            .setParameter("user", userId)
            .getResultList();
    if (rows.isEmpty()) {
      return Accommodation.NONE;
    }
    Object[] row = rows.get(0);
    return new Accommodation(
        ((Number) row[0]).intValue(), ((Number) row[1]).intValue(), Times.instant(row[2]));
  }

  public void putOverride(UUID quizId, UUID userId, int extraTime, int extraAttempts, Instant now) {
    em.createNativeQuery(
            "insert into quiz.overrides (quiz_id, user_id, extra_time_seconds, extra_attempts,"
                + " updated_at) values (:quiz, :user, :time, :attempts, :now)"
                + " on conflict (quiz_id, user_id) do update set"
                + " extra_time_seconds = excluded.extra_time_seconds,"
                + " extra_attempts = excluded.extra_attempts, updated_at = excluded.updated_at")
        .setParameter("quiz", quizId)
        .setParameter("user", userId)
        .setParameter("time", extraTime)
        .setParameter("attempts", extraAttempts)
        .setParameter("now", now)
        .executeUpdate();
  }
}
