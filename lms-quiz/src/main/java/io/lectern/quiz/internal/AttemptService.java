package io.lectern.quiz.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.LessonView;
import io.lectern.enrollment.api.EnrollmentView;
import io.lectern.enrollment.api.Enrollments;
import io.lectern.quiz.api.event.QuizAttemptGraded;
import io.lectern.quiz.api.event.QuizAttemptStarted;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Taking quizzes: start, save, submit, read, plus closing attempts whose deadline has passed.
 * Starts serialise on the enrolment/quiz slot row, everything on one attempt on the attempt row;
 * grading happens only here, once per attempt, and records the lesson's progress through the
 * enrolment module.
 */
@ApplicationScoped
public class AttemptService {

  /** Saves and submits this late are still accepted (network latency); later ones are 409. */
  public static final Duration GRACE = Duration.ofSeconds(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject QuizRepository quizzes;
  @Inject AttemptRepository attempts;
  @Inject QuizAccess access;
  @Inject CourseCatalog catalog;
  @Inject Enrollments enrollments;
  @Inject Clock clock;
  @Inject Event<QuizAttemptStarted> attemptStarted;
  @Inject Event<QuizAttemptGraded> attemptGraded;

  /**
   * An attempt with what a response needs: its quiz, its questions by id, whether the caller is
   * course staff, and whether correct answers may be shown to the caller.
   */
  public record AttemptView(
      Attempt attempt,
      Quiz quiz,
      Map<UUID, Question> questions,
      boolean staff,
      boolean resultsVisible,
      Instant now) {}

  /** What a student sees of a lesson's quiz (no questions) and their standing on it. */
  public record Standing(
      int attemptsUsed, Integer attemptsAllowed, int extraTimeSeconds, UUID openAttemptId) {}

  public record LessonQuiz(Quiz quiz, List<Question> questions, boolean staff, Standing standing) {}

  /** The lesson's quiz: with answers for staff; settings and own standing for enrolled students. */
  @Transactional
  public LessonQuiz lessonQuiz(UUID lessonId) {
    LessonView lesson = catalog.findLesson(lessonId).orElseThrow(QuizErrors::lessonNotFound);
    if (access.isStaff(lesson.courseId())) {
      Quiz quiz = quizzes.findByLesson(lessonId).orElseThrow(QuizErrors::noQuizForLesson);
      return new LessonQuiz(quiz, quizzes.questions(quiz.id()), true, null);
    }
    EnrollmentView enrollment = access.requireEnrolled(lesson.courseId());
    Quiz quiz =
        quizzes
            .findByLesson(lessonId)
            .filter(Quiz::published)
            .orElseThrow(QuizErrors::noQuizForLesson);
    closeOverdueOf(access.me(), quiz.id());
    List<Question> questions = quizzes.questions(quiz.id());
    return new LessonQuiz(quiz, questions, false, standing(quiz, enrollment.id(), access.me()));
  }

  private Standing standing(Quiz quiz, UUID enrollmentId, UUID studentId) {
    QuizRepository.Accommodation extra = quizzes.accommodation(quiz.id(), studentId);
    int used = attempts.countFor(enrollmentId, quiz.id());
    UUID open =
        attempts.open(enrollmentId, quiz.id()).stream().map(Attempt::id).findFirst().orElse(null);
    return new Standing(used, allowed(quiz, extra), extra.extraTimeSeconds(), open);
  }

  private static Integer allowed(Quiz quiz, QuizRepository.Accommodation extra) {
    return quiz.maxAttempts() == null ? null : quiz.maxAttempts() + extra.extraAttempts();
  }

  /**
   * Starts the next attempt. The slot row of the enrolment and quiz is locked first, so concurrent
   * starts run one after the other: the first opens attempt n + 1, the others find it open (409).
   */
  @Transactional
  public AttemptView start(UUID quizId) {
    Quiz quiz = quizzes.find(quizId).orElseThrow(QuizErrors::notFound);
    if (!quiz.published()) {
      if (access.isStaff(quiz.courseId())) {
        throw LmsException.businessRule(
            "quiz.not-published", "Publish the quiz before students can take it.");
      }
      throw QuizErrors.notFound();
    }
    EnrollmentView enrollment = access.requireEnrolled(quiz.courseId());
    UUID me = access.me();
    int used = attempts.lockSlot(enrollment.id(), quizId);
    Instant now = now();
    for (Attempt open : attempts.open(enrollment.id(), quizId)) {
      attempts.relock(open);
      if (!open.open()) {
        continue; // graded meanwhile by the deadline sweep
      }
      if (open.expired(now, GRACE)) {
        grade(open, quiz, open.deadlineAt(), true, now);
      } else {
        throw QuizErrors.attemptOpen(open.id());
      }
    }
    QuizRepository.Accommodation extra = quizzes.accommodation(quizId, me);
    Integer allowed = allowed(quiz, extra);
    if (allowed != null && used >= allowed) {
      throw QuizErrors.attemptsUsedUp(allowed);
    }
    List<Question> questions = quizzes.questions(quizId);
    if (questions.isEmpty()) {
      throw QuizErrors.noQuestions();
    }
    Attempt attempt =
        new Attempt(
            quizId,
            enrollment.id(),
            me,
            used + 1,
            order(quiz, questions),
            quiz.timeLimitSeconds(),
            extra.extraTimeSeconds(),
            now);
    attempts.add(attempt);
    attempts.setSlot(enrollment.id(), quizId, used + 1);
    attemptStarted.fire(
        new QuizAttemptStarted(
            attempt.id(),
            quizId,
            quiz.lessonId(),
            quiz.courseId(),
            enrollment.id(),
            me,
            attempt.number(),
            attempt.deadlineAt(),
            now));
    return view(attempt, quiz, false, now, byId(questions));
  }

  /** The attempt's own question order, and option order per multiple-choice question. */
  private static List<Attempt.Shown> order(Quiz quiz, List<Question> questions) {
    List<Question> shown = new ArrayList<>(questions);
    if (quiz.shuffleQuestions()) {
      Collections.shuffle(shown, RANDOM);
    }
    List<Attempt.Shown> order = new ArrayList<>();
    for (Question q : shown) {
      List<String> options =
          new ArrayList<>(q.def().options().stream().map(QuestionDef.Option::id).toList());
      if (quiz.shuffleOptions()) {
        Collections.shuffle(options, RANDOM);
      }
      order.add(new Attempt.Shown(q.id(), options));
    }
    return order;
  }

  /**
   * Grades the attempt if it is open, past its deadline plus grace and not held by another
   * transaction, in a transaction of its own (so a late save or submit can be refused afterwards
   * without undoing the grading). Returns whether this call graded it: false when it was graded
   * meanwhile, is not overdue, or another sweeper or a request holds it (that one grades it, or a
   * later pass does). Unknown ids are ignored.
   */
  @Transactional
  public boolean closeIfOverdue(UUID attemptId) {
    Instant now = now();
    return attempts
        .claimOverdue(attemptId, now.minus(GRACE))
        .filter(a -> a.open() && a.expired(now, GRACE))
        .map(
            a -> {
              grade(a, quizzes.find(a.quizId()).orElseThrow(), a.deadlineAt(), true, now);
              return true;
            })
        .orElse(false);
  }

  /** Saves answers (merged by question) while the attempt is open and within its time. */
  @Transactional
  public AttemptView save(UUID attemptId, List<QuizCommands.Answer> answers) {
    Attempt attempt = writable(attemptId);
    Quiz quiz = quizzes.find(attempt.quizId()).orElseThrow();
    Instant now = now();
    Map<UUID, Question> questions = questionsOf(attempt);
    attempt.saveAnswers(merge(attempt, answers, questions), now);
    return view(attempt, quiz, false, now, questions);
  }

  /** Saves the answers sent with it, then grades the attempt (exactly once: the row is locked). */
  @Transactional
  public AttemptView submit(UUID attemptId, List<QuizCommands.Answer> answers) {
    Attempt attempt = writable(attemptId);
    Quiz quiz = quizzes.find(attempt.quizId()).orElseThrow();
    Instant now = now();
    // One read of the questions serves the checks, the grading and the reply (they were read
    // three times: a third of the statements of a submit after the progress ones).
    Map<UUID, Question> questions = questionsOf(attempt);
    if (answers != null && !answers.isEmpty()) {
      attempt.saveAnswers(merge(attempt, answers, questions), now);
    }
    grade(attempt, quiz, now, false, now, questions);
    return view(attempt, quiz, false, now, questions);
  }

  /**
   * The open attempt, locked, of the calling student; 409 once closed, past its deadline, or when
   * the enrolment was dropped meanwhile (a dropped enrolment takes no progress).
   */
  private Attempt writable(UUID attemptId) {
    Attempt attempt = attempts.lock(attemptId).orElseThrow(QuizErrors::attemptNotFound);
    if (!attempt.studentId().equals(access.me())) {
      throw QuizErrors.notOwner();
    }
    boolean enrolled =
        enrollments.find(attempt.enrollmentId()).map(e -> e.status().isLive()).orElse(false);
    if (!enrolled) {
      throw QuizErrors.enrollmentNotLive();
    }
    if (!attempt.open()) {
      throw attempt.autoSubmitted() ? QuizErrors.deadlinePassed() : QuizErrors.attemptClosed();
    }
    if (attempt.expired(now(), GRACE)) {
      throw QuizErrors.deadlinePassed();
    }
    return attempt;
  }

  /**
   * The saved answers with the new ones laid over them. Every answer must name a question of this
   * attempt, once, in the shape of its type, with options of that question; otherwise 400 and
   * nothing is saved.
   */
  private Map<UUID, Grading.Answer> merge(
      Attempt attempt, List<QuizCommands.Answer> given, Map<UUID, Question> questions) {
    Map<UUID, Attempt.Shown> shown =
        attempt.order().stream()
            .collect(
                Collectors.toMap(
                    Attempt.Shown::questionId,
                    Function.identity(),
                    (a, b) -> a,
                    LinkedHashMap::new));
    List<io.lectern.shared.error.Violation> problems = new ArrayList<>();
    Map<UUID, Grading.Answer> merged = new LinkedHashMap<>(attempt.answers());
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      QuizCommands.Answer a = given.get(i);
      String field = "answers[" + i + "]";
      Question question = shown.containsKey(a.questionId()) ? questions.get(a.questionId()) : null;
      if (question == null) {
        problems.add(
            new io.lectern.shared.error.Violation(
                field + ".questionId", "is not a question of this attempt"));
        continue;
      }
      if (!seen.add(a.questionId())) {
        problems.add(
            new io.lectern.shared.error.Violation(
                field + ".questionId", "is answered twice in this request"));
        continue;
      }
      QuestionType type = question.type();
      String wrongShape =
          switch (type) {
            case MULTIPLE_CHOICE -> a.value() != null || a.text() != null ? "optionIds" : null;
            case TRUE_FALSE -> a.optionIds() != null || a.text() != null ? "value" : null;
            case SHORT_ANSWER -> a.optionIds() != null || a.value() != null ? "text" : null;
          };
      if (wrongShape != null) {
        problems.add(
            new io.lectern.shared.error.Violation(
                field, "a " + type.value() + " question is answered with " + wrongShape + " only"));
        continue;
      }
      if (type == QuestionType.MULTIPLE_CHOICE && a.optionIds() != null) {
        List<String> options = shown.get(a.questionId()).optionIds();
        if (!options.containsAll(a.optionIds())) {
          problems.add(
              new io.lectern.shared.error.Violation(
                  field + ".optionIds", "names an option the question does not have"));
          continue;
        }
        if (new HashSet<>(a.optionIds()).size() != a.optionIds().size()) {
          problems.add(
              new io.lectern.shared.error.Violation(field + ".optionIds", "names an option twice"));
          continue;
        }
      }
      Grading.Answer answer = new Grading.Answer(a.optionIds(), a.value(), a.text());
      if (Grading.isAnswered(type, answer)) {
        merged.put(a.questionId(), answer);
      } else {
        merged.remove(a.questionId());
      }
    }
    if (!problems.isEmpty()) {
      throw LmsException.validation(
          "quiz.invalid-answers",
          "The answers do not fit this attempt: " + problems.size() + " problem(s).",
          problems);
    }
    return merged;
  }

  /**
   * Grades the attempt with its saved answers, then records the lesson's progress with the attempt
   * the grading policy keeps. The caller holds the attempt's row lock.
   */
  private void grade(Attempt attempt, Quiz quiz, Instant submitted, boolean auto, Instant now) {
    grade(attempt, quiz, submitted, auto, now, questionsOf(attempt));
  }

  private void grade(
      Attempt attempt,
      Quiz quiz,
      Instant submitted,
      boolean auto,
      Instant now,
      Map<UUID, Question> questions) {
    List<Grading.Key> keys = new ArrayList<>();
    for (Attempt.Shown shown : attempt.order()) {
      Question q = questions.get(shown.questionId());
      if (q != null) {
        keys.add(q.key());
      }
    }
    Grading.Result result = Grading.grade(keys, attempt.answers(), quiz.passingScore());
    attempt.graded(result, submitted, auto, now);
    attemptGraded.fire(
        new QuizAttemptGraded(
            attempt.id(),
            quiz.id(),
            quiz.lessonId(),
            quiz.courseId(),
            attempt.enrollmentId(),
            attempt.studentId(),
            attempt.number(),
            attempt.percentage(),
            Boolean.TRUE.equals(attempt.passed()),
            auto,
            attempt.submittedAt()));
    List<Attempt> graded = attempts.graded(attempt.enrollmentId(), quiz.id());
    if (graded.stream().noneMatch(a -> a.id().equals(attempt.id()))) {
      graded = new ArrayList<>(graded);
      graded.add(attempt);
    }
    List<Grading.Graded> all =
        graded.stream()
            .map(a -> new Grading.Graded(a.id(), a.number(), a.percentage(), a.passed()))
            .toList();
    Grading.Graded kept = Grading.kept(all, quiz.gradingPolicy()).orElseThrow();
    boolean passed = all.stream().anyMatch(Grading.Graded::passed);
    enrollments.recordQuizResult(
        attempt.enrollmentId(),
        quiz.lessonId(),
        kept.percentage().setScale(0, RoundingMode.DOWN).intValue(),
        all.size(),
        passed,
        attempt.submittedAt());
  }

  private Map<UUID, Question> questionsOf(Attempt attempt) {
    return byId(quizzes.questions(attempt.quizId()));
  }

  private static Map<UUID, Question> byId(List<Question> questions) {
    Map<UUID, Question> byId = new LinkedHashMap<>();
    questions.forEach(q -> byId.put(q.id(), q));
    return byId;
  }

  /** One attempt: its student, the course's instructor and admins (others 403). */
  @Transactional
  public AttemptView get(UUID attemptId) {
    Attempt attempt = attempts.find(attemptId).orElseThrow(QuizErrors::attemptNotFound);
    Quiz quiz = quizzes.find(attempt.quizId()).orElseThrow();
    boolean own = attempt.studentId().equals(access.me());
    boolean staff = !own && access.isStaff(quiz.courseId());
    if (!own && !staff) {
      throw QuizErrors.attemptForbidden();
    }
    Instant now = now();
    if (attempt.open() && attempt.expired(now, GRACE)) {
      attempts.relock(attempt);
      if (attempt.open() && attempt.expired(now, GRACE)) {
        grade(attempt, quiz, attempt.deadlineAt(), true, now);
      }
    }
    return view(attempt, quiz, staff, now);
  }

  /** The caller's attempts at a quiz, in attempt order (overdue ones are graded first). */
  @Transactional
  public Page<AttemptView> mine(UUID quizId, PageRequest paging) {
    Quiz quiz = quizzes.find(quizId).orElseThrow(QuizErrors::notFound);
    UUID me = access.me();
    closeOverdueOf(me, quizId);
    Page<Attempt> page = attempts.ofStudent(me, quizId, paging);
    Instant now = now();
    return page.map(a -> new AttemptView(a, quiz, Map.of(), false, false, now));
  }

  /** A quiz's attempts for its course's instructor and admins, newest first. */
  @Transactional
  public Page<AttemptView> ofQuiz(UUID quizId, String status, PageRequest paging) {
    Quiz quiz = quizzes.find(quizId).orElseThrow(QuizErrors::notFound);
    access.requireStaff(quiz.courseId());
    Instant now = now();
    return attempts
        .ofQuiz(quizId, status, paging)
        .map(a -> new AttemptView(a, quiz, Map.of(), true, true, now));
  }

  private void closeOverdueOf(UUID studentId, UUID quizId) {
    Instant now = now();
    for (UUID id : attempts.overdueOf(studentId, quizId, now.minus(GRACE))) {
      attempts
          .lock(id)
          .filter(a -> a.open() && a.expired(now, GRACE))
          .ifPresent(
              a -> grade(a, quizzes.find(a.quizId()).orElseThrow(), a.deadlineAt(), true, now));
    }
  }

  /**
   * Open attempts past their deadline and grace after a sweep position, oldest first, for the
   * periodic sweep.
   */
  @Transactional
  public List<AttemptRepository.SweepPosition> overdue(
      AttemptRepository.SweepPosition after, int limit) {
    return attempts.overdueAfter(now().minus(GRACE), after, limit);
  }

  private AttemptView view(Attempt attempt, Quiz quiz, boolean staff, Instant now) {
    return view(attempt, quiz, staff, now, questionsOf(attempt));
  }

  private AttemptView view(
      Attempt attempt, Quiz quiz, boolean staff, Instant now, Map<UUID, Question> questions) {
    boolean visible = staff;
    if (!staff && !attempt.open()) {
      AnswerVisibility policy = quiz.showCorrectAnswers();
      boolean attemptsLeft = true;
      if (policy == AnswerVisibility.AFTER_LAST_ATTEMPT) {
        QuizRepository.Accommodation extra = quizzes.accommodation(quiz.id(), attempt.studentId());
        Integer allowed = allowed(quiz, extra);
        attemptsLeft =
            allowed == null || attempts.countFor(attempt.enrollmentId(), quiz.id()) < allowed;
      }
      visible = policy.reveals(true, attemptsLeft);
    }
    return new AttemptView(attempt, quiz, questions, staff, visible, now);
  }

  private Instant now() {
    return clock.instant();
  }
}
