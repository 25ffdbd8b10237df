package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Access tokens stop working at once when the user is deactivated, changes role, signs out
 * everywhere or changes password, on every server: each server caches users' token epochs and hears
 * of changes through PostgreSQL notifications. The notifications here are sent over a separate JDBC
 * connection, as another server would.
 */
class RevocationIT {

  private static final String DB_URL = System.getProperty("lms.test.db-url");

  @Test
  void aDemotedInstructorsOldTokenCannotCreateACourse() {
    Accounts.Session teacher = Accounts.withRole("instructor");
    Map<String, Object> course = Map.of("title", "Demotion " + Courses.marker());
    Api.post("/api/v1/courses", course, teacher.accessToken()).expect(201);

    Api.patch("/api/v1/admin/users/" + teacher.id(), Map.of("role", "student"), adminToken())
        .expect(200);

    long before =
        Db.count("select count(*) from courses.courses where instructor_id = ?", teacher.id());
    Api.post("/api/v1/courses", course, teacher.accessToken())
        .expectProblem(401, "auth.token-revoked");
    assertThat(
            Db.count("select count(*) from courses.courses where instructor_id = ?", teacher.id()))
        .isEqualTo(before);
    assertThat(epoch(teacher.id())).isEqualTo(1);

    // Refreshing gives a token with the role the account has now.
    Reply refreshed =
        Api.post("/api/v1/auth/refresh", Map.of("refreshToken", teacher.refreshToken()), null)
            .expect(200);
    String access = refreshed.text("accessToken");
    assertThat(claims(access).path("groups").toString()).isEqualTo("[\"student\"]");
    assertThat(claims(access).path("token_epoch").asLong()).isEqualTo(1);
    Api.post("/api/v1/courses", course, access).expectProblem(403, "auth.forbidden");
    Api.get("/api/v1/users/me", access).expect(200);
  }

  @Test
  void aPromotionAlsoNeedsAFreshTokenAndARenameDoesNot() {
    Accounts.Session student = Accounts.student();
    Api.patch("/api/v1/admin/users/" + student.id(), Map.of("fullName", "Renamed"), adminToken())
        .expect(200);
    Api.get("/api/v1/users/me", student.accessToken()).expect(200);
    assertThat(epoch(student.id())).isZero();

    Api.patch("/api/v1/admin/users/" + student.id(), Map.of("role", "instructor"), adminToken())
        .expect(200);
    Api.get("/api/v1/users/me", student.accessToken()).expectProblem(401, "auth.token-revoked");
  }

  @Test
  void signingOutEverywhereEndsTheAccessTokensToo() {
    Accounts.Session phone = Accounts.student();
    Accounts.Session laptop = Accounts.login(phone.email(), Accounts.PASSWORD);
    Api.get("/api/v1/users/me", laptop.accessToken()).expect(200);

    Api.post("/api/v1/auth/logout-all", null, phone.accessToken()).expect(204);

    Api.get("/api/v1/users/me", phone.accessToken()).expectProblem(401, "auth.token-revoked");
    Api.get("/api/v1/users/me", laptop.accessToken()).expectProblem(401, "auth.token-revoked");
    // On public endpoints a revoked token counts as none: a draft shows to its instructor only.
    Accounts.Session teacher = Accounts.withRole("instructor");
    String slug =
        Api.post(
                "/api/v1/courses",
                Map.of("title", "Draft " + Courses.marker()),
                teacher.accessToken())
            .expect(201)
            .text("slug");
    Api.get("/api/v1/courses/" + slug, teacher.accessToken()).expect(200);
    Api.post("/api/v1/auth/logout-all", null, teacher.accessToken()).expect(204);
    Api.get("/api/v1/courses/" + slug, teacher.accessToken()).expect(404);
    Api.get("/api/v1/courses", laptop.accessToken()).expect(200);
    // A client that sends its stale token along can still sign in.
    Api.send(
            "POST",
            "/api/v1/auth/login",
            Map.of("email", phone.email(), "password", Accounts.PASSWORD),
            phone.accessToken(),
            "application/json")
        .expect(200);
    Accounts.Session again = Accounts.login(phone.email(), Accounts.PASSWORD);
    Api.get("/api/v1/users/me", again.accessToken()).expect(200);
  }

  @Test
  void aPasswordChangeEndsEveryAccessTokenAndTheCallerContinuesByRefreshing() {
    Accounts.Session current = Accounts.student();
    Accounts.Session other = Accounts.login(current.email(), Accounts.PASSWORD);

    Api.patch(
            "/api/v1/users/me",
            Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "a-brand-new-password"),
            current.accessToken())
        .expect(200);

    Api.get("/api/v1/users/me", current.accessToken()).expectProblem(401, "auth.token-revoked");
    Api.get("/api/v1/users/me", other.accessToken()).expectProblem(401, "auth.token-revoked");
    Api.post("/api/v1/auth/refresh", Map.of("refreshToken", other.refreshToken()), null)
        .expect(401);
    String renewed =
        Api.post("/api/v1/auth/refresh", Map.of("refreshToken", current.refreshToken()), null)
            .expect(200)
            .text("accessToken");
    Api.get("/api/v1/users/me", renewed).expect(200);
  }

  @Test
  void aDeactivatedUsersTokenIsRefusedAndStaysRefusedAfterReactivation() {
    Accounts.Session student = Accounts.student();
    Api.get("/api/v1/users/me", student.accessToken()).expect(200);

    Api.patch("/api/v1/admin/users/" + student.id(), Map.of("active", false), adminToken())
        .expect(200);
    Api.get("/api/v1/users/me", student.accessToken())
        .expectProblem(401, "auth.account-deactivated");

    Api.patch("/api/v1/admin/users/" + student.id(), Map.of("active", true), adminToken())
        .expect(200);
    Api.get("/api/v1/users/me", student.accessToken()).expectProblem(401, "auth.token-revoked");
    Accounts.Session again = Accounts.login(student.email(), Accounts.PASSWORD);
    Api.get("/api/v1/users/me", again.accessToken()).expect(200);
  }

  @Test
  void aNotificationFromAnotherServerEndsACachedTokenWithinASecond() throws Exception {
    Accounts.Session student = Accounts.student();
    Api.get("/api/v1/users/me", student.accessToken()).expect(200); // now cached

    // Another server's bump whose transaction rolls back announces nothing and changes nothing.
    try (Connection db = connect()) {
      db.setAutoCommit(false);
      bumpAndNotify(db, student.id());
      db.rollback();
    }
    Api.get("/api/v1/users/me", student.accessToken()).expect(200);

    // The epoch moves without an announcement: this server still trusts its cached epoch, which
    // shows that the check is answered from memory, not from the database.
    try (Connection db = connect()) {
      execute(
          db, "UPDATE users.users SET token_epoch = token_epoch + 1 WHERE id = ?", student.id());
    }
    Api.get("/api/v1/users/me", student.accessToken()).expect(200);

    // The announcement arrives: the next requests are refused.
    long sent;
    try (Connection db = connect()) {
      execute(db, "SELECT pg_notify('lectern_token_epoch', ?::text)", student.id());
      sent = System.nanoTime();
    }
    long delayMillis = millisUntilRefused(student.accessToken(), sent);
    System.out.printf(
        "Revocation delay after a NOTIFY from another connection: %d ms%n", delayMillis);
    assertThat(delayMillis).isLessThan(1000);
    Api.get("/api/v1/users/me", student.accessToken()).expectProblem(401, "auth.token-revoked");
  }

  @Test
  void aBumpAndItsNotificationInOneTransactionTakeEffectOnCommit() throws Exception {
    Accounts.Session student = Accounts.student();
    Api.get("/api/v1/users/me", student.accessToken()).expect(200);

    long committed;
    try (Connection db = connect()) {
      db.setAutoCommit(false);
      bumpAndNotify(db, student.id());
      db.commit();
      committed = System.nanoTime();
    }

    long delayMillis = millisUntilRefused(student.accessToken(), committed);
    System.out.printf("Revocation delay after another server's commit: %d ms%n", delayMillis);
    assertThat(delayMillis).isLessThan(1000);
  }

  @Test
  void afterTheListeningConnectionDropsRevocationStillHoldsAndListeningResumes() throws Exception {
    Accounts.Session student = Accounts.student();
    Api.get("/api/v1/users/me", student.accessToken()).expect(200);
    int listener = listenerPid();

    long sent;
    try (Connection db = connect()) {
      execute(db, "SELECT pg_terminate_backend(?)", listener);
      // Announced while nobody listens: lost. Once the server notices that its connection is gone
      // it no longer relies on its cache.
      bumpAndNotify(db, student.id());
      sent = System.nanoTime();
    }
    long delayMillis = millisUntilRefused(student.accessToken(), sent);
    System.out.printf("Revocation delay with the announcement lost: %d ms%n", delayMillis);
    assertThat(delayMillis).isLessThan(1000);

    // The server reconnects (with backoff) and listens again on a new connection.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int again = -1;
    while (System.nanoTime() < deadline) {
      again = listenerPidOrZero();
      if (again != 0 && again != listener) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(again).as("a new listening connection").isNotIn(0, listener);
    Accounts.Session fresh = Accounts.login(student.email(), Accounts.PASSWORD);
    Api.get("/api/v1/users/me", fresh.accessToken()).expect(200);
    try (Connection db = connect()) {
      bumpAndNotify(db, student.id());
    }
    assertThat(millisUntilRefused(fresh.accessToken(), System.nanoTime())).isLessThan(1000);
  }

  /** Polls with the token until it is refused; the milliseconds since {@code sinceNanos}. */
  private static long millisUntilRefused(String token, long sinceNanos) {
    long deadline = sinceNanos + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      Reply reply = Api.get("/api/v1/users/me", token);
      if (reply.status() == 401) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
      }
      reply.expect(200);
    }
    throw new AssertionError("The token was still accepted 5 s after the announcement");
  }

  private static void bumpAndNotify(Connection db, UUID userId) throws SQLException {
    execute(db, "UPDATE users.users SET token_epoch = token_epoch + 1 WHERE id = ?", userId);
    execute(db, "SELECT pg_notify('lectern_token_epoch', ?::text)", userId);
  }

  /** The backend that listens for the server (its last statement is one of the listener's). */
  private static int listenerPid() {
    int pid = listenerPidOrZero();
    assertThat(pid).as("the server's listening connection").isNotZero();
    return pid;
  }

  private static int listenerPidOrZero() {
    var rows =
        Db.rows(
            "select pid from pg_stat_activity where query like '%pg-notification-listener%'"
                + " and pid <> pg_backend_pid()");
    return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("pid")).intValue();
  }

  private static long epoch(UUID userId) {
    return ((Number)
            Db.row("select token_epoch from users.users where id = ?", userId).get("token_epoch"))
        .longValue();
  }

  private static JsonNode claims(String token) {
    String payload = token.split("\\.")[1];
    return Api.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  private static String adminToken() {
    return Accounts.admin().accessToken();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(DB_URL, "lms", "lms");
  }

  private static void execute(Connection db, String sql, Object parameter) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      statement.execute();
    }
  }
}
