package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.events.api.EventTypes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class XapiStatementsTest {

  private static final String BASE = "https://lms.example.org";
  private static final UUID ENROLMENT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  private static final UUID STUDENT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final UUID COURSE = UUID.fromString("3d813cbb-47fb-32ba-91df-831e1593ac29");
  private static final UUID LESSON = UUID.fromString("e2c0e7f4-3b7b-4e0b-9a59-2b1f0d2c6b10");
  private static final UUID QUIZ = UUID.fromString("a8098c1a-f86e-11da-bd1a-00112444be1e");
  private static final Instant AT = Instant.parse("2026-11-30T10:15:30.123456Z");

  private static JsonObject enrolment() {
    return Json.createObjectBuilder()
        .add("enrollmentId", ENROLMENT.toString())
        .add("studentId", STUDENT.toString())
        .add("courseId", COURSE.toString())
        .build();
  }

  private static List<JsonObject> of(UUID id, String type, JsonObject payload) {
    return XapiStatements.of(new XapiStatements.Event(id, type, AT, null, payload), BASE);
  }

  @Test
  void enrolmentIsRegisteredByTheStudentAccountOnTheCourseWithTheEnrolmentAsRegistration() {
    UUID event = UUID.randomUUID();
    List<JsonObject> statements = of(event, EventTypes.ENROLLMENT_CREATED, enrolment());
    assertThat(statements).hasSize(1);
    JsonObject s = statements.get(0);
    assertThat(s.getString("id")).isEqualTo(XapiStatements.statementId(event, 0).toString());
    assertThat(s.getJsonObject("actor").getJsonObject("account").getString("homePage"))
        .isEqualTo(BASE);
    assertThat(s.getJsonObject("actor").getJsonObject("account").getString("name"))
        .isEqualTo(STUDENT.toString());
    assertThat(s.getJsonObject("verb").getString("id"))
        .isEqualTo("http://adlnet.gov/expapi/verbs/registered");
    assertThat(s.getJsonObject("object").getString("id"))
        .isEqualTo(BASE + "/xapi/courses/" + COURSE);
    assertThat(s.getJsonObject("context").getString("registration"))
        .isEqualTo(ENROLMENT.toString());
    assertThat(s.getString("timestamp")).isEqualTo("2026-11-30T10:15:30.123Z");
    assertThat(s.containsKey("result")).isFalse();
  }

  @Test
  void gradedQuizIsScoredThenPassedOrFailedWithTheLessonAndCourseAsParents() {
    JsonObject payload =
        Json.createObjectBuilder(enrolment())
            .add("attemptId", UUID.randomUUID().toString())
            .add("quizId", QUIZ.toString())
            .add("lessonId", LESSON.toString())
            .add("number", 1)
            .add("percentage", new BigDecimal("66.67"))
            .add("passed", false)
            .add("autoSubmitted", false)
            .build();
    UUID event = UUID.randomUUID();
    List<JsonObject> statements = of(event, EventTypes.QUIZ_ATTEMPT_GRADED, payload);
    assertThat(statements)
        .extracting(s -> s.getJsonObject("verb").getString("id"))
        .containsExactly(
            "http://adlnet.gov/expapi/verbs/scored", "http://adlnet.gov/expapi/verbs/failed");
    JsonObject failed = statements.get(1);
    assertThat(failed.getString("id"))
        .isEqualTo(XapiStatements.statementId(event, 1).toString())
        .isNotEqualTo(statements.get(0).getString("id"));
    JsonObject result = failed.getJsonObject("result");
    assertThat(result.getBoolean("success")).isFalse();
    assertThat(result.getJsonObject("score").getJsonNumber("scaled").bigDecimalValue())
        .isEqualByComparingTo("0.6667");
    assertThat(result.getJsonObject("score").getJsonNumber("raw").bigDecimalValue())
        .isEqualByComparingTo("66.67");
    assertThat(failed.getJsonObject("object").getString("id"))
        .isEqualTo(BASE + "/xapi/quizzes/" + QUIZ);
    assertThat(
            failed
                .getJsonObject("context")
                .getJsonObject("contextActivities")
                .getJsonArray("parent")
                .getValuesAs(JsonObject.class))
        .extracting(a -> a.getString("id"))
        .containsExactly(BASE + "/xapi/lessons/" + LESSON, BASE + "/xapi/courses/" + COURSE);
  }

  @Test
  void lessonCompletionCarriesItsScoreAndEventsOutsideTheMappingGiveNothing() {
    JsonObject payload =
        Json.createObjectBuilder(enrolment())
            .add("lessonId", LESSON.toString())
            .add("score", 90)
            .build();
    JsonObject s = of(UUID.randomUUID(), EventTypes.LESSON_COMPLETED, payload).get(0);
    assertThat(s.getJsonObject("result").getBoolean("completion")).isTrue();
    assertThat(
            s.getJsonObject("result").getJsonObject("score").getJsonNumber("scaled").doubleValue())
        .isEqualTo(0.9);
    assertThat(of(UUID.randomUUID(), EventTypes.ENROLLMENT_DROPPED, enrolment())).isEmpty();
    assertThat(of(UUID.randomUUID(), EventTypes.USER_CREATED, enrolment())).isEmpty();
  }

  @Test
  void tutorialChapterProgressUsesTheProgressedVerbAndEncodesFreeTextIds() {
    JsonObject payload =
        Json.createObjectBuilder()
            .add("userId", STUDENT.toString())
            .add("tutorialId", "intro to sql")
            .add("chapterId", "ch/1")
            .add("completed", false)
            .add("completionPercentage", 40)
            .build();
    JsonObject s = of(UUID.randomUUID(), EventTypes.TUTORIAL_CHAPTER_RECORDED, payload).get(0);
    assertThat(s.getJsonObject("verb").getString("id"))
        .isEqualTo("http://adlnet.gov/expapi/verbs/progressed");
    assertThat(s.getJsonObject("object").getString("id"))
        .isEqualTo(BASE + "/xapi/tutorials/intro%20to%20sql/chapters/ch%2F1");
    assertThat(
            s.getJsonObject("result")
                .getJsonObject("extensions")
                .getInt(XapiStatements.PROGRESS_EXTENSION))
        .isEqualTo(40);
    assertThat(s.getJsonObject("context").containsKey("registration")).isFalse();
  }

  @Test
  void statementIdsAreVersion5UuidsThatDependOnlyOnEventAndPlace() {
    UUID event = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    UUID id = XapiStatements.statementId(event, 0);
    assertThat(id.version()).isEqualTo(5);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(XapiStatements.statementId(event, 0)).isEqualTo(id);
    assertThat(XapiStatements.statementId(event, 1)).isNotEqualTo(id);
    assertThat(XapiStatements.statementId(UUID.randomUUID(), 0)).isNotEqualTo(id);
  }

  @Test
  void aGradedAttemptWithAKnownStartCarriesItsDuration() {
    JsonObject payload =
        Json.createObjectBuilder(enrolment())
            .add("attemptId", UUID.randomUUID().toString())
            .add("quizId", QUIZ.toString())
            .add("lessonId", LESSON.toString())
            .add("number", 1)
            .add("percentage", new BigDecimal("100.00"))
            .add("passed", true)
            .add("autoSubmitted", false)
            .build();
    Instant started = AT.minusSeconds(95).minusMillis(4);
    List<JsonObject> statements =
        XapiStatements.of(
            new XapiStatements.Event(
                UUID.randomUUID(), EventTypes.QUIZ_ATTEMPT_GRADED, AT, started, payload),
            BASE);
    assertThat(statements)
        .allSatisfy(
            s -> assertThat(s.getJsonObject("result").getString("duration")).isEqualTo("PT1M35S"));
    assertThat(XapiStatements.duration(AT.plusSeconds(1), AT)).isNull();
    assertThat(XapiStatements.duration(null, AT)).isNull();
    assertThat(XapiStatements.duration(AT.minusMillis(1234), AT)).isEqualTo("PT1.23S");
  }

  @Test
  void scoresAreClampedIntoTheirRange() {
    JsonObject score =
        XapiStatements.score(new BigDecimal("120"), BigDecimal.ZERO, BigDecimal.valueOf(100));
    assertThat(score.getJsonNumber("raw").intValue()).isEqualTo(100);
    assertThat(score.getJsonNumber("scaled").intValue()).isEqualTo(1);
  }
}
