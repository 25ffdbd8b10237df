package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Instructors author courses; nobody else changes them. */
class CourseAuthoringIT {

  @Test
  void anInstructorCreatesADraftWithADerivedSlug() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    String marker = Courses.marker();
    Map<String, Object> body = new HashMap<>();
    body.put("title", "Crème Brûlée for " + marker);
    body.put("description", "Custard, sugar, fire.");
    body.put("category", "cooking");
    body.put("difficulty", "beginner");
    body.put("thumbnailUrl", "https://img.example.org/creme.png");
    body.put("estimatedDurationMinutes", 90);
    body.put("metadata", Map.of("tags", List.of("dessert"), "level", 1));
    Reply created = Courses.create(teacher.accessToken(), body).expect(201);

    assertThat(created.text("slug")).isEqualTo("creme-brulee-for-" + marker);
    assertThat(created.json().path("published").asBoolean()).isFalse();
    assertThat(created.json().path("instructor").path("id").asText())
        .isEqualTo(teacher.id().toString());
    assertThat(created.json().path("instructor").path("fullName").asText())
        .isEqualTo("Test instructor");
    assertThat(created.json().path("metadata").path("tags").get(0).asText()).isEqualTo("dessert");
    assertThat(created.json().path("lessons").size()).isZero();
    assertThat(created.header("Location")).endsWith("/api/v1/courses/" + created.text("id"));

    var row =
        Db.row(
            "select instructor_id, is_published, difficulty, metadata::text as metadata"
                + " from courses.courses where id = ?",
            UUID.fromString(created.text("id")));
    assertThat(row.get("instructor_id")).isEqualTo(teacher.id());
    assertThat(row.get("is_published")).isEqualTo(false);
    assertThat(row.get("difficulty")).isEqualTo("beginner");
    assertThat((String) row.get("metadata")).contains("dessert");

    // The same title again gets the next free slug.
    Reply again =
        Courses.create(teacher.accessToken(), Map.of("title", "Crème Brûlée for " + marker))
            .expect(201);
    assertThat(again.text("slug")).isEqualTo("creme-brulee-for-" + marker + "-2");
  }

  @Test
  void onlyInstructorsAndAdminsAuthor() {
    Accounts.Session student = Accounts.student();
    Courses.create(student.accessToken(), Map.of("title", "Nope"))
        .expectProblem(403, "auth.forbidden");
    Courses.create(null, Map.of("title", "Nope")).expectProblem(401, "auth.required");
    Api.get("/api/v1/instructor/courses", student.accessToken())
        .expectProblem(403, "auth.forbidden");

    Accounts.Session admin = Accounts.admin();
    Accounts.Session teacher = Accounts.withRole("instructor");
    Reply forTeacher =
        Courses.create(
                admin.accessToken(),
                Map.of("title", "Made by an admin", "instructorId", teacher.id().toString()))
            .expect(201);
    assertThat(forTeacher.json().path("instructor").path("id").asText())
        .isEqualTo(teacher.id().toString());
    Courses.create(
            teacher.accessToken(),
            Map.of("title", "For someone else", "instructorId", UUID.randomUUID().toString()))
        .expectProblem(403, "courses.instructor-not-allowed");
    Courses.create(
            admin.accessToken(),
            Map.of("title", "For a student", "instructorId", student.id().toString()))
        .expectProblem(400, "courses.invalid-instructor");
  }

  @Test
  void invalidCoursesAreRefusedAndNothingIsStored() {
    String token = Accounts.withRole("instructor").accessToken();
    String marker = Courses.marker();
    Map<String, Object> bad = new HashMap<>();
    bad.put("title", " ");
    bad.put("slug", "Not A Slug");
    bad.put("difficulty", "expert");
    bad.put("estimatedDurationMinutes", -5);
    bad.put("thumbnailUrl", "javascript:alert(1)");
    bad.put("category", "c".repeat(101));
    bad.put("description", marker);
    Reply reply = Courses.create(token, bad).expectProblem(400, "request.invalid");
    assertThat(reply.violationFields())
        .containsExactlyInAnyOrder(
            "title", "slug", "difficulty", "estimatedDurationMinutes", "thumbnailUrl", "category");
    Courses.create(token, Map.of("title", "t".repeat(501))).expectProblem(400, "request.invalid");
    Courses.create(token, "{\"title\": \"x\", \"estimatedDurationMinutes\": \"ten\"}")
        .expectProblem(400, "request.malformed-json");
    Courses.create(token, "{\"title\": \"x\", \"metadata\": [1, 2]}")
        .expectProblem(400, "request.malformed-json");
    assertThat(Db.count("select count(*) from courses.courses where description = ?", marker))
        .isZero();
  }

  @Test
  void slugsAreUniqueAndFixedOncePublished() {
    String token = Accounts.withRole("instructor").accessToken();
    String slug = "fixed-" + Courses.marker();
    Reply course = Courses.create(token, Map.of("title", "Slugged", "slug", slug)).expect(201);
    UUID id = UUID.fromString(course.text("id"));
    Courses.create(token, Map.of("title", "Other", "slug", slug))
        .expectProblem(409, "courses.slug-taken");

    Reply renamed =
        Api.patch("/api/v1/courses/" + id, Map.of("slug", slug + "-v2", "title", "Renamed"), token)
            .expect(200);
    assertThat(renamed.text("slug")).isEqualTo(slug + "-v2");
    assertThat(renamed.text("title")).isEqualTo("Renamed");

    Courses.lesson(token, id, "Only lesson", "text", null);
    Api.post("/api/v1/courses/" + id + "/publish", null, token).expect(200);
    Api.patch("/api/v1/courses/" + id, Map.of("slug", slug + "-v3"), token)
        .expectProblem(409, "courses.slug-locked");
    Api.post("/api/v1/courses/" + id + "/unpublish", null, token).expect(200);
    Api.patch("/api/v1/courses/" + id, Map.of("slug", slug + "-v3"), token)
        .expectProblem(409, "courses.slug-locked");
    // A title change never moves the slug.
    Reply retitled =
        Api.patch("/api/v1/courses/" + id, Map.of("title", "Brand new title"), token).expect(200);
    assertThat(retitled.text("slug")).isEqualTo(slug + "-v2");
  }

  @Test
  void patchChangesOnlyWhatIsSentAndEmptyStringsClear() {
    String token = Accounts.withRole("instructor").accessToken();
    UUID id =
        UUID.fromString(
            Courses.create(
                    token,
                    Map.of("title", "Patchable", "category", "math", "description", "About sums"))
                .expect(201)
                .text("id"));
    Reply patched =
        Api.patch("/api/v1/courses/" + id, Map.of("category", "", "difficulty", "advanced"), token)
            .expect(200);
    assertThat(patched.json().has("category")).isFalse();
    assertThat(patched.text("difficulty")).isEqualTo("advanced");
    assertThat(patched.text("description")).isEqualTo("About sums");
    assertThat(patched.text("title")).isEqualTo("Patchable");
    Api.patch("/api/v1/courses/" + id, Map.of("title", ""), token)
        .expectProblem(400, "request.invalid");
    Api.patch("/api/v1/courses/" + UUID.randomUUID(), Map.of("title", "x"), token)
        .expectProblem(404, "courses.not-found");
  }

  @Test
  void anotherInstructorsCourseIsForbiddenButAdminsMayEdit() {
    Accounts.Session owner = Accounts.withRole("instructor");
    Accounts.Session other = Accounts.withRole("instructor");
    UUID id = Courses.draft(owner.accessToken(), "Owned");
    UUID lesson = Courses.lesson(owner.accessToken(), id, "L1", "text", null);
    String token = other.accessToken();

    // Someone else's draft does not exist for them...
    Api.get("/api/v1/courses/" + id, token).expectProblem(404, "courses.not-found");
    Api.patch("/api/v1/courses/" + id, Map.of("title", "Mine"), token)
        .expectProblem(404, "courses.not-found");
    // ...and once published it is visible but still not theirs to change.
    Api.post("/api/v1/courses/" + id + "/publish", null, owner.accessToken()).expect(200);
    Api.patch("/api/v1/courses/" + id, Map.of("title", "Mine"), token)
        .expectProblem(403, "courses.not-owner");
    Api.delete("/api/v1/courses/" + id, token).expectProblem(403, "courses.not-owner");
    Api.post("/api/v1/courses/" + id + "/unpublish", null, token)
        .expectProblem(403, "courses.not-owner");
    Api.post("/api/v1/courses/" + id + "/lessons", Map.of("title", "x", "type", "text"), token)
        .expectProblem(403, "courses.not-owner");
    Api.patch("/api/v1/lessons/" + lesson, Map.of("title", "x"), token)
        .expectProblem(403, "courses.not-owner");
    Api.delete("/api/v1/lessons/" + lesson, token).expectProblem(403, "courses.not-owner");
    Api.put("/api/v1/courses/" + id + "/lessons/order", Map.of("lessonIds", List.of(lesson)), token)
        .expectProblem(403, "courses.not-owner");
    assertThat(Db.row("select title from courses.courses where id = ?", id).get("title"))
        .isEqualTo("Owned");

    String admin = Accounts.admin().accessToken();
    Api.patch("/api/v1/courses/" + id, Map.of("title", "Fixed by admin"), admin).expect(200);
    Api.post("/api/v1/courses/" + id + "/unpublish", null, admin).expect(200);
  }

  @Test
  void deleteRemovesTheCourseWithItsLessons() {
    String token = Accounts.withRole("instructor").accessToken();
    UUID id = Courses.draft(token, "Doomed");
    UUID parent = Courses.lesson(token, id, "Parent", "text", null);
    Courses.lesson(token, id, "Child", "text", parent);
    Api.delete("/api/v1/courses/" + id, Accounts.student().accessToken()).expect(403);
    Api.delete("/api/v1/courses/" + id, token).expect(204);
    assertThat(Db.count("select count(*) from courses.courses where id = ?", id)).isZero();
    assertThat(Db.count("select count(*) from courses.lessons where course_id = ?", id)).isZero();
    Api.delete("/api/v1/courses/" + id, token).expectProblem(404, "courses.not-found");
  }

  @Test
  void publishingListsEverythingMissing() {
    String token = Accounts.withRole("instructor").accessToken();
    UUID id = Courses.draft(token, "Incomplete");
    Reply empty =
        Api.post("/api/v1/courses/" + id + "/publish", null, token)
            .expectProblem(422, "courses.not-publishable");
    assertThat(empty.violationFields()).containsExactly("lessons");

    Reply video =
        Api.post(
                "/api/v1/courses/" + id + "/lessons",
                Map.of("title", "Silent film", "type", "video"),
                token)
            .expect(201);
    Courses.lesson(token, id, "Reading", "text", null);
    Reply missingUrl =
        Api.post("/api/v1/courses/" + id + "/publish", null, token)
            .expectProblem(422, "courses.not-publishable");
    assertThat(missingUrl.violationFields())
        .containsExactly("lessons." + video.text("id") + ".videoUrl");
    assertThat(missingUrl.raw()).contains("Silent film");
    assertThat(
            Db.row("select is_published from courses.courses where id = ?", id).get("is_published"))
        .isEqualTo(false);

    Api.patch(
            "/api/v1/lessons/" + video.text("id"),
            Map.of("videoUrl", "https://videos.example.org/film.mp4"),
            token)
        .expect(200);
    Reply published = Api.post("/api/v1/courses/" + id + "/publish", null, token).expect(200);
    assertThat(published.json().path("published").asBoolean()).isTrue();
    assertThat(published.text("publishedAt")).isNotBlank();
    Reply unpublished = Api.post("/api/v1/courses/" + id + "/unpublish", null, token).expect(200);
    assertThat(unpublished.json().path("published").asBoolean()).isFalse();
  }

  @Test
  void instructorsListTheirOwnCoursesAdminsAll() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    Accounts.Session other = Accounts.withRole("instructor");
    UUID draft = Courses.draft(teacher.accessToken(), "My draft");
    UUID live = Courses.published(teacher.accessToken(), Map.of("title", "My live course"));
    Courses.draft(other.accessToken(), "Not mine");

    Reply mine = Api.get("/api/v1/instructor/courses", teacher.accessToken()).expect(200);
    assertThat(Courses.each(mine.json().path("items"), "id"))
        .containsExactly(live.toString(), draft.toString());
    assertThat(mine.json().path("items").get(0).path("lessonCount").asInt()).isEqualTo(1);
    Reply drafts =
        Api.get("/api/v1/instructor/courses?published=false", teacher.accessToken()).expect(200);
    assertThat(Courses.each(drafts.json().path("items"), "id")).containsExactly(draft.toString());
    Api.get("/api/v1/instructor/courses?instructorId=" + other.id(), teacher.accessToken())
        .expectProblem(403, "courses.not-owner");

    Reply forAdmin =
        Api.get(
                "/api/v1/instructor/courses?instructorId=" + teacher.id(),
                Accounts.admin().accessToken())
            .expect(200);
    assertThat(forAdmin.json().path("totalItems").asInt()).isEqualTo(2);
    Api.get("/api/v1/instructor/courses?instructorId=nope", teacher.accessToken())
        .expectProblem(400, "courses.invalid-query");
  }
}
