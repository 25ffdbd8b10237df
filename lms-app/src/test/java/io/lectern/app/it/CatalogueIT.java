package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The public catalogue: published courses only, search, filters, paging, lesson access. */
class CatalogueIT {

  private final Accounts.Session teacher = Accounts.withRole("instructor");

  private UUID publish(String title, String description, String category, String difficulty) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("title", title);
    fields.put("description", description);
    fields.put("category", category);
    fields.put("difficulty", difficulty);
    return Courses.published(teacher.accessToken(), fields);
  }

  @Test
  void searchFindsPublishedCoursesByWordsInTitleOrDescription() {
    String marker = Courses.marker();
    UUID databases =
        publish("Relational Databases " + marker, "Tables and joins.", "data", "beginner");
    UUID modelling =
        publish("Modelling " + marker, "Designing a database schema.", "data", "advanced");
    Courses.draft(teacher.accessToken(), "Draft databases " + marker);

    Reply found = Api.get("/api/v1/courses?q=database+" + marker, null).expect(200);
    assertThat(Courses.each(found.json().path("items"), "id"))
        .containsExactlyInAnyOrder(databases.toString(), modelling.toString());
    assertThat(found.json().path("totalItems").asInt()).isEqualTo(2);
    var first = found.json().path("items").get(0);
    assertThat(first.path("instructor").path("fullName").asText()).isEqualTo("Test instructor");
    assertThat(first.path("lessonCount").asInt()).isEqualTo(1);
    assertThat(first.has("metadata")).isFalse();

    Reply phrase = Api.get("/api/v1/courses?q=" + marker + "+-joins", null).expect(200);
    assertThat(Courses.each(phrase.json().path("items"), "id"))
        .containsExactly(modelling.toString());
    Reply advanced =
        Api.get("/api/v1/courses?q=" + marker + "&difficulty=advanced&category=data", null)
            .expect(200);
    assertThat(Courses.each(advanced.json().path("items"), "id"))
        .containsExactly(modelling.toString());
    Reply byInstructor =
        Api.get(
                "/api/v1/courses?q=" + marker + "&instructorId=" + teacher.id() + "&sort=title",
                null)
            .expect(200);
    assertThat(Courses.each(byInstructor.json().path("items"), "id"))
        .containsExactly(modelling.toString(), databases.toString());
  }

  @Test
  void cataloguePagesAreStableAndLinked() {
    String marker = Courses.marker();
    for (int i = 0; i < 3; i++) {
      publish("Paged " + i + " " + marker, null, "paging", null);
    }
    Reply first = Api.get("/api/v1/courses?q=" + marker + "&size=2&sort=title", null).expect(200);
    assertThat(Courses.each(first.json().path("items"), "title"))
        .containsExactly("Paged 0 " + marker, "Paged 1 " + marker);
    assertThat(first.header("X-Total-Count")).isEqualTo("3");
    assertThat(first.allHeaders("Link").toString())
        .contains("rel=\"next\"")
        .contains("q=" + marker);
    Reply second =
        Api.get("/api/v1/courses?q=" + marker + "&size=2&page=1&sort=title", null).expect(200);
    assertThat(Courses.each(second.json().path("items"), "title"))
        .containsExactly("Paged 2 " + marker);

    Api.get("/api/v1/courses?size=500", null).expectProblem(400, "paging.invalid");
    Api.get("/api/v1/courses?difficulty=expert", null).expectProblem(400, "courses.invalid-query");
    Api.get("/api/v1/courses?sort=popular", null).expectProblem(400, "courses.invalid-query");
    Api.get("/api/v1/courses?instructorId=123", null).expectProblem(400, "courses.invalid-query");
    Api.get("/api/v1/courses?q=" + "x".repeat(201), null)
        .expectProblem(400, "courses.invalid-query");
    // Odd search syntax is not an error.
    Api.get("/api/v1/courses?q=%22unclosed+%26+%7C+!", null).expect(200);
  }

  @Test
  void draftsAreHiddenFromEveryoneButTheirAuthorAndAdmins() {
    UUID draft = Courses.draft(teacher.accessToken(), "Secret draft");
    UUID lesson = Courses.lesson(teacher.accessToken(), draft, "Secret lesson", "text", null);
    Api.get("/api/v1/courses/" + draft, null).expectProblem(404, "courses.not-found");
    Api.get("/api/v1/courses/" + draft, Accounts.student().accessToken())
        .expectProblem(404, "courses.not-found");
    Api.get("/api/v1/lessons/" + lesson, Accounts.student().accessToken())
        .expectProblem(404, "courses.lesson-not-found");
    Api.get("/api/v1/courses/" + draft, teacher.accessToken()).expect(200);
    Api.get("/api/v1/courses/" + draft, Accounts.admin().accessToken()).expect(200);
    Api.get("/api/v1/lessons/" + lesson, teacher.accessToken()).expect(200);
    Api.get("/api/v1/courses/no-such-course-slug", null).expectProblem(404, "courses.not-found");
  }

  @Test
  void aCourseIsFoundByIdOrSlug() {
    UUID id = publish("Found by slug " + Courses.marker(), "x", null, null);
    String slug = Api.get("/api/v1/courses/" + id, null).expect(200).text("slug");
    Reply bySlug = Api.get("/api/v1/courses/" + slug, null).expect(200);
    assertThat(bySlug.text("id")).isEqualTo(id.toString());
    assertThat(bySlug.json().path("lessons").size()).isEqualTo(1);
    assertThat(bySlug.json().path("lessons").get(0).has("content")).isFalse();
  }

  @Test
  void lessonContentIsForPreviewsOrTheCoursesPeople() {
    UUID course = Courses.draft(teacher.accessToken(), "Access " + Courses.marker());
    Reply preview =
        Api.post(
                "/api/v1/courses/" + course + "/lessons",
                Map.of(
                    "title", "Trailer", "type", "text", "preview", true, "content", "Free to read"),
                teacher.accessToken())
            .expect(201);
    Reply paid =
        Api.post(
                "/api/v1/courses/" + course + "/lessons",
                Map.of("title", "Chapter 1", "type", "text", "content", "For students"),
                teacher.accessToken())
            .expect(201);
    Api.post("/api/v1/courses/" + course + "/publish", null, teacher.accessToken()).expect(200);

    Reply open = Api.get("/api/v1/lessons/" + preview.text("id"), null).expect(200);
    assertThat(open.text("content")).isEqualTo("Free to read");
    Api.get("/api/v1/lessons/" + paid.text("id"), null)
        .expectProblem(401, "courses.lesson-sign-in");
    Api.get("/api/v1/lessons/" + paid.text("id"), Accounts.student().accessToken())
        .expectProblem(403, "courses.not-enrolled");
    Api.get("/api/v1/lessons/" + paid.text("id"), Accounts.withRole("instructor").accessToken())
        .expectProblem(403, "courses.not-enrolled");
    assertThat(
            Api.get("/api/v1/lessons/" + paid.text("id"), teacher.accessToken())
                .expect(200)
                .text("content"))
        .isEqualTo("For students");
    Api.get("/api/v1/lessons/" + paid.text("id"), Accounts.admin().accessToken()).expect(200);
    Api.get("/api/v1/lessons/" + UUID.randomUUID(), null)
        .expectProblem(404, "courses.lesson-not-found");
  }

  @Test
  void unpublishedCoursesLeaveTheCatalogue() {
    String marker = Courses.marker();
    UUID id = publish("Fleeting " + marker, null, null, null);
    assertThat(Api.get("/api/v1/courses?q=" + marker, null).json().path("totalItems").asInt())
        .isEqualTo(1);
    Api.post("/api/v1/courses/" + id + "/unpublish", null, teacher.accessToken()).expect(200);
    assertThat(Api.get("/api/v1/courses?q=" + marker, null).json().path("totalItems").asInt())
        .isZero();
    Api.get("/api/v1/courses/" + id, null).expectProblem(404, "courses.not-found");
  }

  @Test
  void fullTextSearchCanUseItsIndex() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(System.getProperty("lms.test.db-url"), "lms", "lms");
        Statement sql = connection.createStatement()) {
      // Tiny test tables favour sequential scans; forbid them to see whether the index applies.
      sql.execute("set enable_seqscan = off");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows =
          sql.executeQuery(
              "explain select c.id from courses.courses c"
                  + " where c.search_vector @@ websearch_to_tsquery('english', 'database')")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      assertThat(plan.toString()).contains("courses_search_idx");
    }
  }
}
