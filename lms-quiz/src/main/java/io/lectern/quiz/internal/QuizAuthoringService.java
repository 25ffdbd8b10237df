package io.lectern.quiz.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.LessonType;
import io.lectern.courses.api.LessonView;
import io.lectern.shared.error.LmsException;
import io.lectern.users.api.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Instructors' and admins' work on a quiz: settings, questions, their order and per-student
 * overrides. Every change locks the quiz row first. Once any attempt exists, changes that would
 * grade attempts differently are refused with 409 (see ADR 8).
 */
@ApplicationScoped
public class QuizAuthoringService {

  @Inject QuizRepository quizzes;
  @Inject AttemptRepository attempts;
  @Inject QuizAccess access;
  @Inject CourseCatalog catalog;
  @Inject UserDirectory users;
  @Inject Clock clock;

  /** The quiz as saved, and whether this call created it. */
  public record Saved(Quiz quiz, List<Question> questions, boolean created) {}

  /** The quiz with its questions for the authoring view. */
  public record Authored(Quiz quiz, List<Question> questions) {}

  @Transactional
  public Saved put(UUID lessonId, QuizCommands.QuizDefinition body) {
    LessonView lesson = catalog.findLesson(lessonId).orElseThrow(QuizErrors::lessonNotFound);
    access.requireStaff(lesson.courseId());
    if (lesson.type() != LessonType.QUIZ) {
      throw QuizErrors.notQuizLesson();
    }
    QuizSettings settings = settings(body);
    Instant now = now();
    Quiz quiz = quizzes.lockByLesson(lessonId).orElse(null);
    boolean created = quiz == null;
    if (created) {
      quiz = new Quiz(lessonId, lesson.courseId(), now);
    } else if (quizzes.hasAttempts(quiz.id())) {
      if (quiz.passingScore() != settings.passingScore()) {
        throw QuizErrors.gradingLocked("changing the passing score");
      }
      if (quiz.gradingPolicy() != settings.gradingPolicy()) {
        throw QuizErrors.gradingLocked("changing the grading policy");
      }
    }
    List<Question> questions = created ? List.of() : quizzes.questions(quiz.id());
    if (settings.published() && questions.isEmpty()) {
      throw QuizErrors.noQuestions();
    }
    quiz.apply(settings, now);
    if (created) {
      quizzes.add(quiz);
    }
    return new Saved(quiz, questions, created);
  }

  private static QuizSettings settings(QuizCommands.QuizDefinition b) {
    return new QuizSettings(
        b.title().strip(),
        b.description() == null || b.description().isBlank() ? null : b.description(),
        b.type() == null ? "practice" : b.type(),
        b.passingScore() == null ? 70 : b.passingScore(),
        b.timeLimitSeconds(),
        b.maxAttempts(),
        Boolean.TRUE.equals(b.shuffleQuestions()),
        Boolean.TRUE.equals(b.shuffleOptions()),
        b.showCorrectAnswers() == null
            ? AnswerVisibility.AFTER_SUBMIT
            : AnswerVisibility.fromValue(b.showCorrectAnswers()),
        b.gradingPolicy() == null
            ? GradingPolicy.HIGHEST
            : GradingPolicy.fromValue(b.gradingPolicy()),
        Boolean.TRUE.equals(b.published()),
        b.metadata() == null ? "{}" : b.metadata().toString());
  }

  /** The lesson's quiz with answers, for the course's instructor and admins. */
  public Authored authored(Quiz quiz) {
    return new Authored(quiz, quizzes.questions(quiz.id()));
  }

  @Transactional
  public Question addQuestion(UUID quizId, QuizCommands.NewQuestion body) {
    Quiz quiz = editable(quizId);
    QuestionDef def = QuestionRules.create(body);
    if (quizzes.hasAttempts(quizId)) {
      throw QuizErrors.gradingLocked("adding a question");
    }
    List<Question> siblings = new ArrayList<>(quizzes.questions(quizId));
    if (siblings.size() >= Quiz.MAX_QUESTIONS) {
      throw LmsException.businessRule(
          "quiz.too-many-questions", "A quiz has at most " + Quiz.MAX_QUESTIONS + " questions.");
    }
    Instant now = now();
    int position =
        body.position() == null ? siblings.size() : Math.min(body.position(), siblings.size());
    Question question = new Question(quizId, position, now);
    question.define(def, now);
    siblings.add(position, question);
    renumber(siblings, now);
    quizzes.addQuestion(question);
    quiz.touch(now);
    return question;
  }

  @Transactional
  public Question updateQuestion(UUID questionId, QuizCommands.QuestionChanges body) {
    Question question = quizzes.findQuestion(questionId).orElseThrow(QuizErrors::questionNotFound);
    Quiz quiz = editable(question.quizId());
    QuestionDef current = question.def();
    QuestionDef changed = QuestionRules.change(current, body);
    if (!current.gradesLike(changed) && quizzes.hasAttempts(quiz.id())) {
      throw QuizErrors.gradingLocked("changing the question's type, points or answer key");
    }
    Instant now = now();
    question.define(changed, now);
    quiz.touch(now);
    return question;
  }

  @Transactional
  public void deleteQuestion(UUID questionId) {
    Question question = quizzes.findQuestion(questionId).orElseThrow(QuizErrors::questionNotFound);
    Quiz quiz = editable(question.quizId());
    if (quizzes.hasAttempts(quiz.id())) {
      throw QuizErrors.gradingLocked("deleting a question");
    }
    List<Question> siblings = new ArrayList<>(quizzes.questions(quiz.id()));
    if (quiz.published() && siblings.size() == 1) {
      throw QuizErrors.lastQuestion();
    }
    Instant now = now();
    siblings.removeIf(q -> q.id().equals(questionId));
    quizzes.removeQuestion(question);
    renumber(siblings, now);
    quiz.touch(now);
  }

  /** Reorders every question at once; the list must be exactly the quiz's questions (400). */
  @Transactional
  public List<Question> reorder(UUID quizId, List<UUID> order) {
    Quiz quiz = editable(quizId);
    List<Question> current = quizzes.questions(quizId);
    List<UUID> ids = current.stream().map(Question::id).toList();
    if (order.size() != ids.size()
        || new HashSet<>(order).size() != order.size()
        || !new HashSet<>(order).equals(new HashSet<>(ids))) {
      throw LmsException.invalidField(
          "quiz.invalid-order",
          "questionIds",
          "must list each of the quiz's " + ids.size() + " questions exactly once");
    }
    Instant now = now();
    List<Question> ordered = new ArrayList<>();
    for (UUID id : order) {
      ordered.add(current.stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow());
    }
    renumber(ordered, now);
    quiz.touch(now);
    return ordered;
  }

  /** A student's accommodations on a quiz, as set. */
  public record Accommodated(
      UUID quizId, UUID userId, int extraTimeSeconds, int extraAttempts, Instant updatedAt) {}

  /**
   * Sets a student's accommodations on this quiz; an open attempt gets the new deadline at once.
   */
  @Transactional
  public Accommodated putOverride(UUID quizId, UUID userId, QuizCommands.Accommodation body) {
    Quiz quiz = editable(quizId);
    users.find(userId).orElseThrow(QuizErrors::userNotFound);
    int time = body.extraTimeSeconds() == null ? 0 : body.extraTimeSeconds();
    int extra = body.extraAttempts() == null ? 0 : body.extraAttempts();
    Instant now = now();
    quizzes.putOverride(quiz.id(), userId, time, extra, now);
    for (Attempt open : attempts.openOfStudent(quiz.id(), userId)) {
      open.extraTime(time, now);
    }
    return new Accommodated(quiz.id(), userId, time, extra, now);
  }

  /** The quiz, locked, if the caller is its course's instructor or an admin. */
  Quiz editable(UUID quizId) {
    Quiz quiz = quizzes.lock(quizId).orElseThrow(QuizErrors::notFound);
    access.requireStaff(quiz.courseId());
    return quiz;
  }

  private static void renumber(List<Question> ordered, Instant now) {
    for (int i = 0; i < ordered.size(); i++) {
      if (!Objects.equals(ordered.get(i).orderIndex(), i)) {
        ordered.get(i).moveTo(i, now);
      }
    }
  }

  private Instant now() {
    return clock.instant();
  }
}
