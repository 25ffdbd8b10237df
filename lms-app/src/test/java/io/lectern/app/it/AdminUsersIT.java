package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admin user management and who may use it. */
class AdminUsersIT {

  @Test
  void onlyAdminsMayManageUsers() {
    Accounts.Session student = Accounts.student();
    Accounts.Session instructor = Accounts.withRole("instructor");
    String someone = student.id().toString();
    for (String token : new String[] {student.accessToken(), instructor.accessToken()}) {
      Api.get("/api/v1/admin/users", token).expectProblem(403, "auth.forbidden");
      Api.get("/api/v1/admin/users/" + someone, token).expectProblem(403, "auth.forbidden");
      Api.post(
              "/api/v1/admin/users",
              Map.of(
                  "email",
                  Api.uniqueEmail("x"),
                  "password",
                  "long-enough",
                  "fullName",
                  "X",
                  "role",
                  "admin"),
              token)
          .expectProblem(403, "auth.forbidden");
      Api.patch("/api/v1/admin/users/" + student.id(), Map.of("role", "admin"), token)
          .expectProblem(403, "auth.forbidden");
    }
    Api.get("/api/v1/admin/users", null).expectProblem(401, "auth.required");
    assertThat(Db.row("select role from users.users where id = ?", student.id()).get("role"))
        .isEqualTo("student");
  }

  @Test
  void adminsCreateUsersWithAnyRole() {
    String admin = Accounts.admin().accessToken();
    String email = Api.uniqueEmail("Teacher");
    Reply created =
        Api.post(
                "/api/v1/admin/users",
                Map.of(
                    "email",
                    email,
                    "password",
                    "teacher-password",
                    "fullName",
                    "Tea Cher",
                    "role",
                    "instructor"),
                admin)
            .expect(201);
    assertThat(created.text("role")).isEqualTo("instructor");
    assertThat(created.header("Location")).endsWith("/api/v1/admin/users/" + created.text("id"));

    Reply login =
        Api.post("/api/v1/auth/login", Map.of("email", email, "password", "teacher-password"), null)
            .expect(200);
    assertThat(login.json().path("user").path("role").asText()).isEqualTo("instructor");

    Api.post(
            "/api/v1/admin/users",
            Map.of(
                "email",
                email,
                "password",
                "teacher-password",
                "fullName",
                "Again",
                "role",
                "student"),
            admin)
        .expectProblem(409, "users.email-taken");
    Reply bad =
        Api.post(
                "/api/v1/admin/users",
                Map.of(
                    "email",
                    Api.uniqueEmail("r"),
                    "password",
                    "long-enough",
                    "fullName",
                    "R",
                    "role",
                    "superuser"),
                admin)
            .expectProblem(400, "request.invalid");
    assertThat(bad.violationFields()).containsExactly("role");
  }

  @Test
  void getAndUpdateAUser() {
    String admin = Accounts.admin().accessToken();
    Accounts.Session student = Accounts.student();
    Reply one = Api.get("/api/v1/admin/users/" + student.id(), admin).expect(200);
    assertThat(one.text("email")).isEqualTo(student.email());

    Reply promoted =
        Api.patch(
                "/api/v1/admin/users/" + student.id(),
                Map.of("role", "instructor", "fullName", "Now Teaching"),
                admin)
            .expect(200);
    assertThat(promoted.text("role")).isEqualTo("instructor");
    assertThat(promoted.text("fullName")).isEqualTo("Now Teaching");
    assertThat(Db.row("select role from users.users where id = ?", student.id()).get("role"))
        .isEqualTo("instructor");

    Api.get("/api/v1/admin/users/" + UUID.randomUUID(), admin)
        .expectProblem(404, "users.not-found");
    Api.patch("/api/v1/admin/users/" + UUID.randomUUID(), Map.of("active", false), admin)
        .expectProblem(404, "users.not-found");
    Api.get("/api/v1/admin/users/not-a-uuid", admin).expect(404);
    Api.patch("/api/v1/admin/users/" + student.id(), Map.of("role", "root"), admin)
        .expectProblem(400, "request.invalid");
    // Wrong JSON types are refused, not coerced (a string is not a boolean, a number no name).
    Api.patch("/api/v1/admin/users/" + student.id(), "{\"active\": \"perhaps\"}", admin)
        .expectProblem(400, "request.malformed-json");
    Api.patch("/api/v1/admin/users/" + student.id(), "{\"active\": 0}", admin)
        .expectProblem(400, "request.malformed-json");
    Api.patch("/api/v1/admin/users/" + student.id(), "{\"fullName\": 5}", admin)
        .expectProblem(400, "request.malformed-json");
    var unchanged =
        Db.row("select is_active, full_name from users.users where id = ?", student.id());
    assertThat(unchanged.get("is_active")).isEqualTo(true);
    assertThat(unchanged.get("full_name")).isEqualTo("Now Teaching");
  }

  @Test
  void deactivationEndsEverySessionAtOnce() {
    String admin = Accounts.admin().accessToken();
    Accounts.Session student = Accounts.student();
    Api.get("/api/v1/users/me", student.accessToken()).expect(200);

    Reply reply =
        Api.patch("/api/v1/admin/users/" + student.id(), Map.of("active", false), admin)
            .expect(200);
    assertThat(reply.json().path("active").asBoolean()).isFalse();

    assertThat(Accounts.liveRefreshTokens(student.id())).isZero();
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", student.refreshToken()), null)
        .expect(401);
    Api.post(
            "/api/v1/auth/login",
            Map.of("email", student.email(), "password", Accounts.PASSWORD),
            null)
        .expectProblem(401, "auth.account-deactivated");
    Api.get("/api/v1/users/me", student.accessToken())
        .expectProblem(401, "auth.account-deactivated");

    Api.patch("/api/v1/admin/users/" + student.id(), Map.of("active", true), admin).expect(200);
    Accounts.Session again = Accounts.login(student.email(), Accounts.PASSWORD);
    Api.get("/api/v1/users/me", again.accessToken()).expect(200);
  }

  @Test
  void listIsPagedFilteredAndSearchable() {
    String admin = Accounts.admin().accessToken();
    String marker = "zq" + UUID.randomUUID().toString().substring(0, 8);
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String email = marker + "-" + i + "@it.test";
      emails.add(email);
      Api.post(
              "/api/v1/admin/users",
              Map.of(
                  "email",
                  email,
                  "password",
                  "long-enough",
                  "fullName",
                  "Listed " + i,
                  "role",
                  i == 0 ? "instructor" : "student"),
              admin)
          .expect(201);
    }

    Reply firstPage = Api.get("/api/v1/admin/users?q=" + marker + "&size=2", admin).expect(200);
    assertThat(firstPage.json().path("totalItems").asLong()).isEqualTo(3);
    assertThat(firstPage.json().path("totalPages").asInt()).isEqualTo(2);
    assertThat(firstPage.header("X-Total-Count")).isEqualTo("3");
    assertThat(firstPage.allHeaders("Link").toString()).contains("rel=\"next\"").contains("page=1");
    List<String> seen = new ArrayList<>(emailsOf(firstPage.json()));
    Reply secondPage =
        Api.get("/api/v1/admin/users?q=" + marker + "&size=2&page=1", admin).expect(200);
    seen.addAll(emailsOf(secondPage.json()));
    assertThat(seen).containsExactlyElementsOf(emails);
    assertThat(secondPage.allHeaders("Link").toString()).contains("rel=\"prev\"");

    Reply instructors =
        Api.get("/api/v1/admin/users?q=" + marker.toUpperCase() + "&role=instructor", admin)
            .expect(200);
    assertThat(emailsOf(instructors.json())).containsExactly(emails.get(0));
    Reply byName = Api.get("/api/v1/admin/users?q=listed&active=true&size=100", admin).expect(200);
    assertThat(byName.json().path("items").size()).isGreaterThanOrEqualTo(3);

    Api.get("/api/v1/admin/users?role=wizard", admin).expectProblem(400, "users.invalid-role");
    Api.get("/api/v1/admin/users?active=maybe", admin).expectProblem(400, "users.invalid-filter");
    Api.get("/api/v1/admin/users?size=101", admin).expectProblem(400, "paging.invalid");
    Api.get("/api/v1/admin/users?size=0", admin).expectProblem(400, "paging.invalid");
    Api.get("/api/v1/admin/users?page=-1", admin).expectProblem(400, "paging.invalid");
    Api.get("/api/v1/admin/users?page=abc", admin).expectProblem(400, "paging.invalid");
  }

  @Test
  void theLastActiveAdminCannotBeDemotedOrDeactivated() {
    Accounts.Session keeper = Accounts.withRole("admin");
    List<UUID> others = new ArrayList<>();
    for (var row :
        Db.rows(
            "select id from users.users where role = 'admin' and is_active and id <> ?",
            keeper.id())) {
      others.add((UUID) row.get("id"));
    }
    try {
      for (UUID other : others) {
        Api.patch("/api/v1/admin/users/" + other, Map.of("active", false), keeper.accessToken())
            .expect(200);
      }
      Api.patch(
              "/api/v1/admin/users/" + keeper.id(), Map.of("role", "student"), keeper.accessToken())
          .expectProblem(409, "users.last-admin");
      Api.patch("/api/v1/admin/users/" + keeper.id(), Map.of("active", false), keeper.accessToken())
          .expectProblem(409, "users.last-admin");
      var row = Db.row("select role, is_active from users.users where id = ?", keeper.id());
      assertThat(row.get("role")).isEqualTo("admin");
      assertThat(row.get("is_active")).isEqualTo(true);
    } finally {
      for (UUID other : others) {
        Api.patch("/api/v1/admin/users/" + other, Map.of("active", true), keeper.accessToken())
            .expect(200);
      }
    }
    // With another active admin again, demotion is allowed.
    Api.patch("/api/v1/admin/users/" + keeper.id(), Map.of("role", "student"), keeper.accessToken())
        .expect(200);
  }

  private static List<String> emailsOf(JsonNode page) {
    return page.path("items").findValuesAsText("email");
  }
}
