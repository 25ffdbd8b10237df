package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Nested, densely ordered lessons: add, move, reorder, delete. */
class LessonAuthoringIT {

  private final String token = Accounts.withRole("instructor").accessToken();

  /** "title@order" of the course's lessons under {@code parent}, read from the database. */
  private static List<String> level(UUID course, UUID parent) {
    List<String> result = new ArrayList<>();
    String sql =
        parent == null
            ? "select title, order_index from courses.lessons where course_id = ? and parent_lesson_id is null order by order_index"
            : "select title, order_index from courses.lessons where course_id = ? and parent_lesson_id = ? order by order_index";
    var rows = parent == null ? Db.rows(sql, course) : Db.rows(sql, course, parent);
    rows.forEach(r -> result.add(r.get("title") + "@" + r.get("order_index")));
    return result;
  }

  @Test
  void lessonsNestThreeLevelsAndKeepADenseOrder() {
    UUID course = Courses.draft(token, "Nesting");
    UUID a = Courses.lesson(token, course, "A", "text", null);
    UUID b = Courses.lesson(token, course, "B", "video", null);
    Map<String, Object> first = new HashMap<>();
    first.put("title", "Zero");
    first.put("type", "assignment");
    first.put("position", 0);
    first.put("durationMinutes", 12);
    first.put("preview", true);
    Reply zero = Api.post("/api/v1/courses/" + course + "/lessons", first, token).expect(201);
    assertThat(zero.text("slug")).isEqualTo("zero");
    assertThat(zero.json().path("orderIndex").asInt()).isZero();
    assertThat(level(course, null)).containsExactly("Zero@0", "A@1", "B@2");

    UUID a1 = Courses.lesson(token, course, "A1", "quiz", a);
    UUID a1x = Courses.lesson(token, course, "A1x", "text", a1);
    Api.post(
            "/api/v1/courses/" + course + "/lessons",
            Map.of("title", "Too deep", "type", "text", "parentLessonId", a1x.toString()),
            token)
        .expectProblem(422, "courses.lesson-too-deep");

    Reply outline = Api.get("/api/v1/courses/" + course, token).expect(200);
    var lessons = outline.json().path("lessons");
    assertThat(Courses.outlineTitles(lessons)).containsExactly("Zero", "A", "A1", "A1x", "B");
    assertThat(lessons.get(1).path("children").get(0).path("children").get(0).path("id").asText())
        .isEqualTo(a1x.toString());
    assertThat(lessons.get(0).path("preview").asBoolean()).isTrue();
    assertThat(lessons.get(0).path("durationMinutes").asInt()).isEqualTo(12);
    assertThat(outline.json().path("lessonCount").asInt()).isEqualTo(5);
    assertThat(b).isNotNull();
  }

  @Test
  void parentsMustBeInTheSameCourseAndMovesCannotCycle() {
    UUID course = Courses.draft(token, "Structure");
    UUID otherCourse = Courses.draft(token, "Elsewhere");
    UUID foreign = Courses.lesson(token, otherCourse, "Foreign", "text", null);
    Reply bad =
        Api.post(
                "/api/v1/courses/" + course + "/lessons",
                Map.of("title", "Child", "type", "text", "parentLessonId", foreign.toString()),
                token)
            .expectProblem(400, "courses.invalid-parent");
    assertThat(bad.violationFields()).containsExactly("parentLessonId");

    UUID top = Courses.lesson(token, course, "Top", "text", null);
    UUID mid = Courses.lesson(token, course, "Mid", "text", top);
    UUID leaf = Courses.lesson(token, course, "Leaf", "text", mid);
    Api.patch("/api/v1/lessons/" + top, Map.of("parentLessonId", leaf.toString()), token)
        .expectProblem(422, "courses.lesson-cycle");
    Api.patch("/api/v1/lessons/" + top, Map.of("parentLessonId", top.toString()), token)
        .expectProblem(422, "courses.lesson-cycle");
    UUID other = Courses.lesson(token, course, "Other", "text", null);
    UUID otherChild = Courses.lesson(token, course, "OtherChild", "text", other);
    // Moving a two-level subtree under a second-level lesson would make four levels.
    Api.patch("/api/v1/lessons/" + mid, Map.of("parentLessonId", otherChild.toString()), token)
        .expectProblem(422, "courses.lesson-too-deep");
    Api.patch("/api/v1/lessons/" + top, Map.of("parentLessonId", "not-a-uuid"), token)
        .expectProblem(400, "request.invalid");

    // A legal move takes the subtree along and closes the gap it leaves.
    Api.patch(
            "/api/v1/lessons/" + mid,
            Map.of("parentLessonId", other.toString(), "position", 0),
            token)
        .expect(200);
    assertThat(level(course, other)).containsExactly("Mid@0", "OtherChild@1");
    assertThat(level(course, top)).isEmpty();
    assertThat(
            Db.row("select parent_lesson_id from courses.lessons where id = ?", leaf)
                .get("parent_lesson_id"))
        .isEqualTo(mid);
    Api.patch("/api/v1/lessons/" + mid, Map.of("parentLessonId", ""), token).expect(200);
    assertThat(level(course, null)).containsExactly("Top@0", "Other@1", "Mid@2");
  }

  @Test
  void reorderTakesExactlyTheSiblings() {
    UUID course = Courses.draft(token, "Ordering");
    UUID a = Courses.lesson(token, course, "A", "text", null);
    UUID b = Courses.lesson(token, course, "B", "text", null);
    UUID c = Courses.lesson(token, course, "C", "text", null);
    UUID child = Courses.lesson(token, course, "A-child", "text", a);
    String path = "/api/v1/courses/" + course + "/lessons/order";

    Reply reordered = Api.put(path, Map.of("lessonIds", List.of(c, a, b)), token).expect(200);
    assertThat(Courses.outlineTitles(reordered.json().path("lessons")))
        .containsExactly("C", "A", "A-child", "B");
    assertThat(level(course, null)).containsExactly("C@0", "A@1", "B@2");

    Api.put(path, Map.of("lessonIds", List.of(c, a)), token)
        .expectProblem(400, "courses.invalid-order");
    Api.put(path, Map.of("lessonIds", List.of(c, a, a)), token)
        .expectProblem(400, "courses.invalid-order");
    Api.put(path, Map.of("lessonIds", List.of(c, a, b, child)), token)
        .expectProblem(400, "courses.invalid-order");
    Api.put(path, Map.of("lessonIds", List.of(c, a, UUID.randomUUID())), token)
        .expectProblem(400, "courses.invalid-order");
    Api.put(path, Map.of(), token).expectProblem(400, "request.invalid");
    Api.put(path, Map.of("parentLessonId", a.toString(), "lessonIds", List.of(child)), token)
        .expect(200);
    assertThat(level(course, null)).containsExactly("C@0", "A@1", "B@2");
  }

  @Test
  void deletingALessonTakesItsChildrenAndClosesTheGap() {
    UUID course = Courses.draft(token, "Pruning");
    UUID a = Courses.lesson(token, course, "A", "text", null);
    UUID b = Courses.lesson(token, course, "B", "text", null);
    Courses.lesson(token, course, "C", "text", null);
    UUID b1 = Courses.lesson(token, course, "B1", "text", b);
    Courses.lesson(token, course, "B1a", "text", b1);

    Api.delete("/api/v1/lessons/" + b, token).expect(204);
    assertThat(level(course, null)).containsExactly("A@0", "C@1");
    assertThat(Db.count("select count(*) from courses.lessons where course_id = ?", course))
        .isEqualTo(2);
    Api.delete("/api/v1/lessons/" + b, token).expectProblem(404, "courses.lesson-not-found");
    assertThat(a).isNotNull();
  }

  @Test
  void lessonFieldsAreValidated() {
    UUID course = Courses.draft(token, "Validation");
    Map<String, Object> bad = new HashMap<>();
    bad.put("title", "");
    bad.put("type", "podcast");
    bad.put("durationMinutes", -1);
    bad.put("videoUrl", "ftp://example.org/x");
    bad.put("position", -3);
    Reply reply =
        Api.post("/api/v1/courses/" + course + "/lessons", bad, token)
            .expectProblem(400, "request.invalid");
    assertThat(reply.violationFields())
        .containsExactlyInAnyOrder("title", "type", "durationMinutes", "videoUrl", "position");
    assertThat(Db.count("select count(*) from courses.lessons where course_id = ?", course))
        .isZero();

    UUID lesson = Courses.lesson(token, course, "Fine", "text", null);
    Api.post(
            "/api/v1/courses/" + course + "/lessons",
            Map.of("title", "Again", "slug", "fine", "type", "text"),
            token)
        .expectProblem(409, "courses.lesson-slug-taken");
    Api.patch("/api/v1/lessons/" + lesson, Map.of("type", "essay"), token)
        .expectProblem(400, "request.invalid");
    Reply changed =
        Api.patch(
                "/api/v1/lessons/" + lesson,
                Map.of(
                    "type", "video", "videoUrl", "https://v.example.org/a.mp4", "content", "# Hi"),
                token)
            .expect(200);
    assertThat(changed.text("type")).isEqualTo("video");
    assertThat(changed.text("content")).isEqualTo("# Hi");
    Api.post(
            "/api/v1/courses/" + UUID.randomUUID() + "/lessons",
            Map.of("title", "x", "type", "text"),
            token)
        .expectProblem(404, "courses.not-found");
  }

  @Test
  void concurrentAddsKeepTheOrderDense() throws Exception {
    UUID course = Courses.draft(token, "Busy");
    List<Parallel.Call> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String title = "Parallel " + i;
      calls.add(
          () ->
              Api.post(
                  "/api/v1/courses/" + course + "/lessons",
                  Map.of("title", title, "type", "text", "position", 0),
                  token));
    }
    for (Reply reply : Parallel.run(calls, java.time.Duration.ofSeconds(60))) {
      reply.expect(201);
    }
    var orders =
        Db.rows(
                "select order_index from courses.lessons where course_id = ? order by order_index",
                course)
            .stream()
            .map(r -> ((Number) r.get("order_index")).intValue())
            .toList();
    assertThat(orders).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }
}
