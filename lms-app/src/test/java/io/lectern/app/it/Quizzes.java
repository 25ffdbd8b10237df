package io.lectern.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds quiz lessons, quizzes and attempts through the API for the quiz tests. */
public final class Quizzes {

  private Quizzes() {}

  /** A draft course with a text lesson and a quiz lesson. */
  public record Draft(UUID course, UUID textLesson, UUID quizLesson) {}

  public static Draft draft(String teacherToken) {
    UUID course = Courses.draft(teacherToken, "Quiz course " + Courses.marker());
    UUID text = Courses.lesson(teacherToken, course, "Reading", "text", null);
    UUID quiz = Courses.lesson(teacherToken, course, "Check", "quiz", null);
    return new Draft(course, text, quiz);
  }

  public static Reply putQuiz(String token, UUID lessonId, Map<String, Object> settings) {
    return Api.put("/api/v1/lessons/" + lessonId + "/quiz", settings, token);
  }

  public static Map<String, Object> settings(Object... pairs) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", "The quiz");
    for (int i = 0; i < pairs.length; i += 2) {
      body.put((String) pairs[i], pairs[i + 1]);
    }
    return body;
  }

  public static Map<String, Object> option(String id, String text, boolean correct) {
    Map<String, Object> option = new HashMap<>();
    option.put("id", id);
    option.put("text", text);
    option.put("correct", correct);
    return option;
  }

  public static Reply addQuestion(String token, UUID quizId, Map<String, Object> question) {
    return Api.post("/api/v1/quizzes/" + quizId + "/questions", question, token);
  }

  /**
   * The standard four questions (10 points): capital (single choice, b correct, 2 points), primes
   * (several correct: x and y, 2 points), sky (true/false: true, 1 point), city (short answer
   * "Paris", 5 points). Returns their ids in order.
   */
  public static List<UUID> standardQuestions(String token, UUID quizId) {
    List<UUID> ids = new ArrayList<>();
    ids.add(
        id(
            addQuestion(
                token,
                quizId,
                Map.of(
                    "type", "multiple_choice",
                    "text", "The capital of France?",
                    "points", 2,
                    "options",
                        List.of(
                            option("a", "Berlin", false),
                            option("b", "Paris", true),
                            option("c", "Rome", false)),
                    "explanation", "Paris is the capital."))));
    ids.add(
        id(
            addQuestion(
                token,
                quizId,
                Map.of(
                    "type",
                    "multiple_choice",
                    "text",
                    "Which are prime?",
                    "points",
                    2,
                    "options",
                    List.of(
                        option("x", "Two", true),
                        option("y", "Three", true),
                        option("z", "Four", false))))));
    ids.add(
        id(
            addQuestion(
                token,
                quizId,
                Map.of(
                    "type",
                    "true_false",
                    "text",
                    "The sky is blue.",
                    "points",
                    1,
                    "correctAnswer",
                    true))));
    ids.add(
        id(
            addQuestion(
                token,
                quizId,
                Map.of(
                    "type",
                    "short_answer",
                    "text",
                    "The city of the Louvre?",
                    "points",
                    5,
                    "acceptedAnswers",
                    List.of("Paris")))));
    return ids;
  }

  private static UUID id(Reply reply) {
    return UUID.fromString(reply.expect(201).text("id"));
  }

  /** A published course with a published quiz of the standard questions and enrolled students. */
  public record Ready(
      Accounts.Session teacher,
      Draft draft,
      UUID quiz,
      List<UUID> questions,
      Accounts.Session student,
      UUID enrollment) {}

  public static Ready ready(Object... settings) {
    Accounts.Session teacher = Accounts.withRole("instructor");
    String token = teacher.accessToken();
    Draft draft = draft(token);
    UUID quiz =
        UUID.fromString(putQuiz(token, draft.quizLesson(), settings()).expect(201).text("id"));
    List<UUID> questions = standardQuestions(token, quiz);
    Object[] published = new Object[settings.length + 2];
    System.arraycopy(settings, 0, published, 0, settings.length);
    published[settings.length] = "published";
    published[settings.length + 1] = true;
    putQuiz(token, draft.quizLesson(), settings(published)).expect(200);
    Api.post("/api/v1/courses/" + draft.course() + "/publish", null, token).expect(200);
    Accounts.Session student = Accounts.student();
    UUID enrollment = Enrolments.enrol(student.accessToken(), draft.course());
    return new Ready(teacher, draft, quiz, questions, student, enrollment);
  }

  public static Reply start(String token, UUID quizId) {
    return Api.post("/api/v1/quizzes/" + quizId + "/attempts", null, token);
  }

  public static Reply save(String token, UUID attemptId, List<Map<String, Object>> answers) {
    return Api.put("/api/v1/attempts/" + attemptId + "/answers", Map.of("answers", answers), token);
  }

  public static Reply submit(String token, UUID attemptId, List<Map<String, Object>> answers) {
    Object body = answers == null ? Map.of() : Map.of("answers", answers);
    return Api.post("/api/v1/attempts/" + attemptId + "/submit", body, token);
  }

  public static Map<String, Object> choose(UUID question, String... optionIds) {
    return Map.of("questionId", question.toString(), "optionIds", List.of(optionIds));
  }

  public static Map<String, Object> value(UUID question, boolean value) {
    return Map.of("questionId", question.toString(), "value", value);
  }

  public static Map<String, Object> text(UUID question, String text) {
    return Map.of("questionId", question.toString(), "text", text);
  }

  /** Every answer right (10 of 10 points). */
  public static List<Map<String, Object>> allRight(List<UUID> q) {
    return List.of(
        choose(q.get(0), "b"),
        choose(q.get(1), "y", "x"),
        value(q.get(2), true),
        text(q.get(3), "  paris "));
  }

  /** Only the short answer right (5 of 10 points). */
  public static List<Map<String, Object>> half(List<UUID> q) {
    return List.of(
        choose(q.get(0), "a"),
        choose(q.get(1), "x"),
        value(q.get(2), false),
        text(q.get(3), "PARIS"));
  }

  /** Nothing right (0 of 10 points). */
  public static List<Map<String, Object>> allWrong(List<UUID> q) {
    return List.of(choose(q.get(0), "c"), value(q.get(2), false), text(q.get(3), "Lyon"));
  }

  public static UUID attemptId(Reply reply) {
    return UUID.fromString(reply.text("id"));
  }

  /**
   * Moves an attempt's start and deadline back in time, as if it had been started that long ago.
   */
  public static void startedAgo(UUID attemptId, String interval) {
    Db.rows(
        "update quiz.attempts set started_at = started_at - cast(? as interval),"
            + " deadline_at = deadline_at - cast(? as interval) where id = ? returning id",
        interval,
        interval,
        attemptId);
  }

  public static Map<String, Object> attemptRow(UUID attemptId) {
    return Db.row("select * from quiz.attempts where id = ?", attemptId);
  }

  public static Map<String, Object> lessonProgress(UUID enrollment, UUID lesson) {
    return Db.row(
        "select * from enrollment.lesson_progress where enrollment_id = ? and lesson_id = ?",
        enrollment,
        lesson);
  }

  /** The field names of every object in the tree (to prove the answer key is absent). */
  public static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(names::add);
      node.elements().forEachRemaining(child -> names.addAll(fieldNames(child)));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> names.addAll(fieldNames(child)));
    }
    return names;
  }
}
