package io.lectern.quiz.internal;

import io.lectern.courses.api.CourseCatalog;
import io.lectern.courses.api.LessonType;
import io.lectern.courses.api.LessonView;
import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * In demo mode, a small published quiz for the demo course's quiz lesson ("Check Your
 * Understanding"), so the published demo course meets the publishing rules (observer priority 300:
 * after the courses module's seeder at 200).
 */
@ApplicationScoped
public class DemoQuizSeeder {

  static final String DEMO_COURSE = "getting-started-with-lectern";
  static final String DEMO_LESSON = "Check Your Understanding";
  private static final Logger LOG = Logger.getLogger(DemoQuizSeeder.class.getName());

  @Inject CourseCatalog catalog;
  @Inject QuizRepository quizzes;
  @Inject Clock clock;

  @Transactional
  void seed(@Observes @Priority(300) SchemaMigrated migrated) {
    if (!migrated.demoData()) {
      return;
    }
    var course = catalog.findCourseBySlug(DEMO_COURSE).orElse(null);
    if (course == null) {
      return;
    }
    LessonView lesson =
        catalog.outline(course.id()).stream()
            .filter(l -> l.type() == LessonType.QUIZ && l.title().equals(DEMO_LESSON))
            .findFirst()
            .orElse(null);
    if (lesson == null || quizzes.findByLesson(lesson.id()).isPresent()) {
      return;
    }
    Instant now = clock.instant();
    Quiz quiz = new Quiz(lesson.id(), course.id(), now);
    quiz.apply(
        new QuizSettings(
            DEMO_LESSON,
            "Three quick questions about how Lectern courses are built.",
            "practice",
            70,
            600,
            3,
            false,
            true,
            AnswerVisibility.AFTER_SUBMIT,
            GradingPolicy.HIGHEST,
            true,
            "{}"),
        now);
    quizzes.add(quiz);
    question(
        quiz,
        0,
        new QuestionDef(
            QuestionType.MULTIPLE_CHOICE,
            "Which of these can a lesson be?",
            2,
            List.of(
                new QuestionDef.Option("video", "A video", true),
                new QuestionDef.Option("quiz", "A quiz", true),
                new QuestionDef.Option("spreadsheet", "A spreadsheet", false)),
            null,
            List.of(),
            "Lessons are videos, texts, quizzes or assignments."),
        now);
    question(
        quiz,
        1,
        new QuestionDef(
            QuestionType.TRUE_FALSE,
            "Lessons can be nested inside other lessons.",
            1,
            List.of(),
            true,
            List.of(),
            "Chapters hold lessons, up to three levels deep."),
        now);
    question(
        quiz,
        2,
        new QuestionDef(
            QuestionType.SHORT_ANSWER,
            "What is the web address name of a course called?",
            1,
            List.of(),
            null,
            List.of("slug", "a slug"),
            "The slug: fixed once the course has been published."),
        now);
    LOG.info("Created the demo quiz for the lesson '" + DEMO_LESSON + "'");
  }

  private void question(Quiz quiz, int order, QuestionDef def, Instant now) {
    Question question = new Question(quiz.id(), order, now);
    question.define(def, now);
    quizzes.addQuestion(question);
  }
}
