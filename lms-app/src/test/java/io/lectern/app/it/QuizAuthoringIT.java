package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.app.it.Quizzes.Draft;
import io.lectern.app.it.Quizzes.Ready;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Quiz authoring: settings, questions, order, overrides, course publishing, who may do what. */
class QuizAuthoringIT {

  private final Accounts.Session teacher = Accounts.withRole("instructor");
  private final String token = teacher.accessToken();

  @Test
  void aCourseWithAQuizLessonNeedsAPublishedQuizToBePublished() {
    Draft draft = Quizzes.draft(token);
    Reply refused =
        Api.post("/api/v1/courses/" + draft.course() + "/publish", null, token)
            .expectProblem(422, "courses.not-publishable");
    assertThat(refused.violationFields())
        .containsExactly("lessons." + draft.quizLesson() + ".quiz");

    Reply created =
        Quizzes.putQuiz(token, draft.quizLesson(), Quizzes.settings("timeLimitSeconds", 600))
            .expect(201);
    UUID quiz = UUID.fromString(created.text("id"));
    assertThat(created.text("type")).isEqualTo("practice");
    assertThat(created.json().path("passingScore").asInt()).isEqualTo(70);
    assertThat(created.text("showCorrectAnswers")).isEqualTo("after_submit");
    assertThat(created.text("gradingPolicy")).isEqualTo("highest");
    assertThat(created.json().path("timeLimitSeconds").asInt()).isEqualTo(600);
    assertThat(created.json().path("maxAttempts").isMissingNode()).isTrue();
    assertThat(created.json().path("published").asBoolean()).isFalse();

    // Publishing an empty quiz is refused, and so is the course while the quiz is a draft.
    Quizzes.putQuiz(token, draft.quizLesson(), Quizzes.settings("published", true))
        .expectProblem(422, "quiz.no-questions");
    Quizzes.standardQuestions(token, quiz);
    Api.post("/api/v1/courses/" + draft.course() + "/publish", null, token)
        .expectProblem(422, "courses.not-publishable");
    Reply published =
        Quizzes.putQuiz(token, draft.quizLesson(), Quizzes.settings("published", true)).expect(200);
    assertThat(published.text("id")).isEqualTo(quiz.toString());
    assertThat(published.json().path("questionCount").asInt()).isEqualTo(4);
    assertThat(published.json().path("totalPoints").asInt()).isEqualTo(10);
    Api.post("/api/v1/courses/" + draft.course() + "/publish", null, token).expect(200);

    Map<String, Object> row = Db.row("select * from quiz.quizzes where id = ?", quiz);
    assertThat(row.get("lesson_id")).isEqualTo(draft.quizLesson());
    assertThat(row.get("course_id")).isEqualTo(draft.course());
    assertThat(row.get("is_published")).isEqualTo(true);
    assertThat(row.get("time_limit_seconds")).isNull();
  }

  @Test
  void onlyQuizLessonsOfTheInstructorsCourseGetAQuiz() {
    Draft draft = Quizzes.draft(token);
    Quizzes.putQuiz(token, draft.textLesson(), Quizzes.settings())
        .expectProblem(422, "quiz.lesson-not-quiz");
    Quizzes.putQuiz(token, UUID.randomUUID(), Quizzes.settings())
        .expectProblem(404, "quiz.lesson-not-found");
    String other = Accounts.withRole("instructor").accessToken();
    Quizzes.putQuiz(other, draft.quizLesson(), Quizzes.settings())
        .expectProblem(403, "quiz.not-course-instructor");
    String student = Accounts.student().accessToken();
    Quizzes.putQuiz(student, draft.quizLesson(), Quizzes.settings())
        .expectProblem(403, "quiz.not-course-instructor");
    Quizzes.putQuiz(null, draft.quizLesson(), Quizzes.settings())
        .expectProblem(401, "auth.required");
    assertThat(
            Db.count("select count(*) from quiz.quizzes where lesson_id = ?", draft.quizLesson()))
        .isZero();
    Reply byAdmin =
        Quizzes.putQuiz(Accounts.admin().accessToken(), draft.quizLesson(), Quizzes.settings())
            .expect(201);
    UUID quiz = UUID.fromString(byAdmin.text("id"));
    Quizzes.addQuestion(
            other, quiz, Map.of("type", "true_false", "text", "Mine?", "correctAnswer", true))
        .expectProblem(403, "quiz.not-course-instructor");
    Quizzes.addQuestion(
            student, quiz, Map.of("type", "true_false", "text", "Mine?", "correctAnswer", true))
        .expect(403);
    Quizzes.addQuestion(
            token,
            UUID.randomUUID(),
            Map.of("type", "true_false", "text", "?", "correctAnswer", true))
        .expectProblem(404, "quiz.not-found");
    Api.get("/api/v1/lessons/" + draft.quizLesson() + "/quiz", other)
        .expectProblem(403, "quiz.not-enrolled");
    Api.get("/api/v1/lessons/" + draft.textLesson() + "/quiz", token)
        .expectProblem(404, "quiz.not-found");
  }

  @Test
  void invalidSettingsAndQuestionsAre400AndChangeNothing() {
    Draft draft = Quizzes.draft(token);
    Reply bad =
        Quizzes.putQuiz(
                token,
                draft.quizLesson(),
                Quizzes.settings(
                    "passingScore", 101, "timeLimitSeconds", 0, "gradingPolicy", "best"))
            .expectProblem(400, "request.invalid");
    assertThat(bad.violationFields())
        .containsExactlyInAnyOrder("passingScore", "timeLimitSeconds", "gradingPolicy");
    Quizzes.putQuiz(token, draft.quizLesson(), Map.of("title", "x", "maxAttempts", 1.5))
        .expect(400);
    UUID quiz =
        UUID.fromString(
            Quizzes.putQuiz(token, draft.quizLesson(), Quizzes.settings()).expect(201).text("id"));

    Reply oneOption =
        Quizzes.addQuestion(
                token,
                quiz,
                Map.of(
                    "type",
                    "multiple_choice",
                    "text",
                    "Lonely?",
                    "options",
                    List.of(Quizzes.option("a", "Yes", true))))
            .expectProblem(400, "quiz.invalid-question");
    assertThat(oneOption.violationFields()).containsExactly("options");
    Reply noneCorrect =
        Quizzes.addQuestion(
                token,
                quiz,
                Map.of(
                    "type",
                    "multiple_choice",
                    "text",
                    "Which?",
                    "options",
                    List.of(Quizzes.option("a", "A", false), Quizzes.option("a", "B", false))))
            .expectProblem(400, "quiz.invalid-question");
    assertThat(noneCorrect.violationFields()).containsExactlyInAnyOrder("options[1].id", "options");
    Quizzes.addQuestion(token, quiz, Map.of("type", "true_false", "text", "True?"))
        .expectProblem(400, "quiz.invalid-question");
    Quizzes.addQuestion(
            token,
            quiz,
            Map.of("type", "short_answer", "text", "Say", "acceptedAnswers", List.of(" ")))
        .expectProblem(400, "quiz.invalid-question");
    Reply zeroPoints =
        Quizzes.addQuestion(
                token,
                quiz,
                Map.of("type", "true_false", "text", "True?", "correctAnswer", true, "points", 0))
            .expectProblem(400, "request.invalid");
    assertThat(zeroPoints.violationFields()).containsExactly("points");
    Quizzes.addQuestion(
            token, quiz, Map.of("type", "essay", "text", "Write", "correctAnswer", true))
        .expectProblem(400, "request.invalid");
    Quizzes.addQuestion(
            token, quiz, Map.of("type", "true_false", "text", "True?", "correctAnswer", "yes"))
        .expect(400);
    assertThat(Db.count("select count(*) from quiz.questions where quiz_id = ?", quiz)).isZero();
  }

  @Test
  void instructorsAuthorQuestionsWithStableOptionIdsAndOrder() {
    Draft draft = Quizzes.draft(token);
    UUID quiz =
        UUID.fromString(
            Quizzes.putQuiz(token, draft.quizLesson(), Quizzes.settings()).expect(201).text("id"));
    List<UUID> ids = Quizzes.standardQuestions(token, quiz);
    Reply generated =
        Quizzes.addQuestion(
                token,
                quiz,
                Map.of(
                    "type",
                    "multiple_choice",
                    "text",
                    "Pick",
                    "position",
                    0,
                    "options",
                    List.of(Map.of("text", "One", "correct", true), Map.of("text", "Two"))))
            .expect(201);
    assertThat(generated.header("Location")).endsWith("/api/v1/questions/" + generated.text("id"));
    assertThat(generated.json().path("orderIndex").asInt()).isZero();
    String firstOption = generated.json().path("options").get(0).path("id").asText();
    assertThat(firstOption).isNotBlank();

    Reply view = Api.get("/api/v1/lessons/" + draft.quizLesson() + "/quiz", token).expect(200);
    assertThat(Courses.each(view.json().path("questions"), "text"))
        .containsExactly(
            "Pick",
            "The capital of France?",
            "Which are prime?",
            "The sky is blue.",
            "The city of the Louvre?");
    var capital = view.json().path("questions").get(1);
    assertThat(capital.path("options").get(1).path("correct").asBoolean()).isTrue();
    assertThat(capital.path("explanation").asText()).isEqualTo("Paris is the capital.");
    assertThat(view.json().path("questions").get(4).path("acceptedAnswers").get(0).asText())
        .isEqualTo("Paris");
    assertThat(view.json().path("questions").get(3).path("correctAnswer").asBoolean()).isTrue();

    // PATCH: options sent with their ids keep them; a new option gets a new id.
    UUID pick = UUID.fromString(generated.text("id"));
    Reply patched =
        Api.patch(
                "/api/v1/questions/" + pick,
                Map.of(
                    "text",
                    "Pick one",
                    "explanation",
                    "Because.",
                    "options",
                    List.of(
                        Map.of("id", firstOption, "text", "Uno", "correct", true),
                        Map.of("text", "Dos"))),
                token)
            .expect(200);
    assertThat(patched.json().path("options").get(0).path("id").asText()).isEqualTo(firstOption);
    assertThat(patched.json().path("options").get(1).path("id").asText())
        .isNotBlank()
        .isNotEqualTo(firstOption);
    assertThat(patched.text("explanation")).isEqualTo("Because.");
    Reply cleared =
        Api.patch("/api/v1/questions/" + pick, Map.of("explanation", ""), token).expect(200);
    assertThat(cleared.text("explanation")).isNull();
    Api.patch("/api/v1/questions/" + pick, Map.of("points", -1), token)
        .expectProblem(400, "request.invalid");
    Api.patch("/api/v1/questions/" + pick, Map.of("type", "short_answer"), token)
        .expectProblem(400, "quiz.invalid-question");
    Api.patch("/api/v1/questions/" + UUID.randomUUID(), Map.of("text", "x"), token)
        .expectProblem(404, "quiz.question-not-found");
    Api.patch(
            "/api/v1/questions/" + pick,
            Map.of("text", "x"),
            Accounts.withRole("instructor").accessToken())
        .expectProblem(403, "quiz.not-course-instructor");

    // Reorder: exactly the quiz's questions.
    List<String> reversed =
        List.of(
            ids.get(3).toString(),
            ids.get(2).toString(),
            ids.get(1).toString(),
            ids.get(0).toString(),
            pick.toString());
    Reply ordered =
        Api.put(
                "/api/v1/quizzes/" + quiz + "/questions/order",
                Map.of("questionIds", reversed),
                token)
            .expect(200);
    assertThat(Courses.each(ordered.json(), "id")).containsExactlyElementsOf(reversed);
    assertThat(
            Db.rows("select id from quiz.questions where quiz_id = ? order by order_index", quiz)
                .stream()
                .map(r -> r.get("id").toString())
                .toList())
        .containsExactlyElementsOf(reversed);
    Api.put(
            "/api/v1/quizzes/" + quiz + "/questions/order",
            Map.of("questionIds", reversed.subList(0, 4)),
            token)
        .expectProblem(400, "quiz.invalid-order");
    Api.put(
            "/api/v1/quizzes/" + quiz + "/questions/order",
            Map.of(
                "questionIds",
                List.of(
                    reversed.get(0),
                    reversed.get(0),
                    reversed.get(1),
                    reversed.get(2),
                    reversed.get(3))),
            token)
        .expectProblem(400, "quiz.invalid-order");

    Api.delete("/api/v1/questions/" + pick, token).expect(204);
    Api.delete("/api/v1/questions/" + pick, token).expectProblem(404, "quiz.question-not-found");
    assertThat(
            Db.rows("select order_index from quiz.questions where quiz_id = ? order by 1", quiz)
                .stream()
                .map(r -> ((Number) r.get("order_index")).intValue())
                .toList())
        .containsExactly(0, 1, 2, 3);
  }

  @Test
  void aPublishedQuizKeepsItsLastQuestion() {
    Draft draft = Quizzes.draft(token);
    UUID quiz =
        UUID.fromString(
            Quizzes.putQuiz(token, draft.quizLesson(), Quizzes.settings()).expect(201).text("id"));
    UUID only =
        UUID.fromString(
            Quizzes.addQuestion(
                    token, quiz, Map.of("type", "true_false", "text", "T?", "correctAnswer", true))
                .expect(201)
                .text("id"));
    Quizzes.putQuiz(token, draft.quizLesson(), Quizzes.settings("published", true)).expect(200);
    Api.delete("/api/v1/questions/" + only, token).expectProblem(409, "quiz.last-question");
    assertThat(Db.count("select count(*) from quiz.questions where id = ?", only)).isOne();
  }

  @Test
  void changesThatWouldRegradeAttemptsAreRefusedOnceAttempted() {
    Ready ready = Quizzes.ready("passingScore", 60);
    String t = ready.teacher().accessToken();
    UUID question = ready.questions().get(0);
    Quizzes.start(ready.student().accessToken(), ready.quiz()).expect(201);

    Api.patch("/api/v1/questions/" + question, Map.of("points", 3), t)
        .expectProblem(409, "quiz.has-attempts");
    Api.patch(
            "/api/v1/questions/" + question,
            Map.of(
                "options",
                List.of(
                    Quizzes.option("a", "Berlin", true),
                    Quizzes.option("b", "Paris", true),
                    Quizzes.option("c", "Rome", false))),
            t)
        .expectProblem(409, "quiz.has-attempts");
    Api.patch(
            "/api/v1/questions/" + ready.questions().get(3),
            Map.of("acceptedAnswers", List.of("Paris", "Lutetia")),
            t)
        .expectProblem(409, "quiz.has-attempts");
    Api.delete("/api/v1/questions/" + question, t).expectProblem(409, "quiz.has-attempts");
    Quizzes.addQuestion(
            t, ready.quiz(), Map.of("type", "true_false", "text", "?", "correctAnswer", true))
        .expectProblem(409, "quiz.has-attempts");
    Quizzes.putQuiz(
            t, ready.draft().quizLesson(), Quizzes.settings("passingScore", 80, "published", true))
        .expectProblem(409, "quiz.has-attempts");
    Quizzes.putQuiz(
            t,
            ready.draft().quizLesson(),
            Quizzes.settings("passingScore", 60, "gradingPolicy", "latest", "published", true))
        .expectProblem(409, "quiz.has-attempts");
    assertThat(Db.row("select points from quiz.questions where id = ?", question).get("points"))
        .isEqualTo(2);

    // Wording, option text (same ids and flags) and settings that do not grade may change.
    Api.patch(
            "/api/v1/questions/" + question,
            Map.of(
                "text",
                "What is the capital of France?",
                "options",
                List.of(
                    Quizzes.option("c", "Roma", false),
                    Quizzes.option("b", "Paris (France)", true),
                    Quizzes.option("a", "Berlin", false))),
            t)
        .expect(200);
    Reply renamed =
        Quizzes.putQuiz(
                t,
                ready.draft().quizLesson(),
                Quizzes.settings(
                    "title", "Renamed", "passingScore", 60, "maxAttempts", 5, "published", true))
            .expect(200);
    assertThat(renamed.text("title")).isEqualTo("Renamed");
    assertThat(renamed.json().path("maxAttempts").asInt()).isEqualTo(5);
  }

  @Test
  void overridesNeedAnExistingUserAndTheInstructor() {
    Ready ready = Quizzes.ready();
    String t = ready.teacher().accessToken();
    String path = "/api/v1/quizzes/" + ready.quiz() + "/overrides/" + ready.student().id();
    Reply set = Api.put(path, Map.of("extraTimeSeconds", 120, "extraAttempts", 2), t).expect(200);
    assertThat(set.json().path("extraTimeSeconds").asInt()).isEqualTo(120);
    assertThat(set.json().path("extraAttempts").asInt()).isEqualTo(2);
    Map<String, Object> row =
        Db.row(
            "select * from quiz.overrides where quiz_id = ? and user_id = ?",
            ready.quiz(),
            ready.student().id());
    assertThat(row.get("extra_time_seconds")).isEqualTo(120);
    Api.put(path, Map.of("extraAttempts", 1), t).expect(200);
    row =
        Db.row(
            "select * from quiz.overrides where quiz_id = ? and user_id = ?",
            ready.quiz(),
            ready.student().id());
    assertThat(row.get("extra_time_seconds")).isEqualTo(0);
    assertThat(row.get("extra_attempts")).isEqualTo(1);
    Api.put(path, Map.of("extraAttempts", -1), t).expectProblem(400, "request.invalid");
    Api.put(
            "/api/v1/quizzes/" + ready.quiz() + "/overrides/" + UUID.randomUUID(),
            Map.of("extraAttempts", 1),
            t)
        .expectProblem(404, "quiz.user-not-found");
    Api.put(path, Map.of("extraAttempts", 5), ready.student().accessToken()).expect(403);
    Api.put(path, Map.of("extraAttempts", 5), Accounts.withRole("instructor").accessToken())
        .expectProblem(403, "quiz.not-course-instructor");
    Api.put(path, Map.of("extraAttempts", 5), Accounts.admin().accessToken()).expect(200);
  }

  @Test
  void studentsSeeTheQuizWithoutQuestionsOrAnswers() {
    Ready ready = Quizzes.ready("maxAttempts", 2);
    Reply view =
        Api.get(
                "/api/v1/lessons/" + ready.draft().quizLesson() + "/quiz",
                ready.student().accessToken())
            .expect(200);
    assertThat(view.json().path("questionCount").asInt()).isEqualTo(4);
    assertThat(view.json().path("attemptsUsed").asInt()).isZero();
    assertThat(view.json().path("attemptsAllowed").asInt()).isEqualTo(2);
    assertThat(Quizzes.fieldNames(view.json()))
        .doesNotContain(
            "questions", "options", "correct", "correctAnswer", "acceptedAnswers", "explanation");
    assertThat(view.raw()).doesNotContain("Paris");

    Api.get(
            "/api/v1/lessons/" + ready.draft().quizLesson() + "/quiz",
            Accounts.student().accessToken())
        .expectProblem(403, "quiz.not-enrolled");
    // An unpublished quiz is not there for students.
    Quizzes.putQuiz(ready.teacher().accessToken(), ready.draft().quizLesson(), Quizzes.settings())
        .expect(200);
    Api.get(
            "/api/v1/lessons/" + ready.draft().quizLesson() + "/quiz",
            ready.student().accessToken())
        .expectProblem(404, "quiz.not-found");
    Quizzes.start(ready.student().accessToken(), ready.quiz()).expectProblem(404, "quiz.not-found");
    Quizzes.start(ready.teacher().accessToken(), ready.quiz())
        .expectProblem(422, "quiz.not-published");
  }

  @Test
  void aQuizLessonIsCompletedByItsQuizNotByThePlainCompleteCall() {
    Ready ready = Quizzes.ready();
    String s = ready.student().accessToken();
    Enrolments.complete(s, ready.enrollment(), ready.draft().quizLesson(), 100)
        .expectProblem(409, "enrollment.quiz-lesson");
    Reply sync =
        Api.post(
                "/api/v1/enrollments/" + ready.enrollment() + "/progress/sync",
                Map.of(
                    "events",
                    List.of(
                        Map.of(
                            "eventId",
                            "e1",
                            "lessonId",
                            ready.draft().quizLesson().toString(),
                            "type",
                            "complete",
                            "score",
                            100,
                            "occurredAt",
                            java.time.Instant.now().toString()))),
                s)
            .expect(200);
    assertThat(sync.json().path("results").get(0).path("status").asText()).isEqualTo("rejected");
    Enrolments.complete(s, ready.enrollment(), ready.draft().textLesson(), null).expect(200);
    assertThat(
            Db.count(
                "select count(*) from enrollment.lesson_progress where enrollment_id = ?"
                    + " and lesson_id = ? and status = 'completed'",
                ready.enrollment(),
                ready.draft().quizLesson()))
        .isZero();
  }
}
