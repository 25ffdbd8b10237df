package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cross-cutting behaviour: errors, health, metrics, OpenAPI, schema ownership. */
class PlatformIT {

  @Test
  void unknownRoutesAndWrongMethodsAreProblems() {
    Api.get("/api/v1/no-such-thing", null).expectProblem(404, "http.not-found");
    Api.get("/", null).expectProblem(404, "http.not-found");
    Reply wrongMethod =
        Api.get("/api/v1/auth/login", null).expectProblem(405, "http.method-not-allowed");
    assertThat(wrongMethod.header("Allow")).contains("POST");
    Api.send("DELETE", "/api/v1/users/me", null, null, null).expect(405);
  }

  @Test
  void nothingAClientSendsCausesA500() {
    String[] bodies = {
      "",
      "null",
      "{}",
      "[]",
      "\"text\"",
      "42",
      "{\"email\": null, \"password\": null}",
      "{\"email\": \""
          + "a".repeat(10_000)
          + "@x.io\", \"password\": \"12345678\", \"fullName\": \"n\"}",
      "{\"email\": true, \"password\": 1, \"fullName\": 2}",
      "{\"unknown\": {\"deep\": [1, {}]}}",
      "\u0000\u0001",
      "{\"email\": \"\\ud800\"}"
    };
    String[] paths = {
      "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout"
    };
    for (String path : paths) {
      for (String body : bodies) {
        Reply reply = Api.post(path, body, null);
        assertThat(reply.status())
            .as("%s with %s: %s", path, body, reply.raw())
            .isBetween(400, 499);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      }
    }
  }

  @Test
  void oversizedJsonBodiesAreRefusedBeforeParsing() {
    String huge = "{\"email\": \"" + "a".repeat(1_100_000) + "@x.io\", \"password\": \"12345678\"}";
    Api.post("/api/v1/auth/login", huge, null).expectProblem(413, "request.too-large");
  }

  @Test
  void browserFrontEndsOnTheConfiguredOriginMayCallTheApi() {
    Reply preflight =
        Api.send(
            "OPTIONS",
            "/v1/tutorials/progress/intro",
            null,
            null,
            null,
            java.util.Map.of(
                "Origin", "http://localhost:3000",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type"));
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
    assertThat(preflight.header("Access-Control-Allow-Headers"))
        .containsIgnoringCase("authorization");
    Reply foreign =
        Api.send(
            "OPTIONS",
            "/v1/tutorials/progress/intro",
            null,
            null,
            null,
            java.util.Map.of(
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
    assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void readinessReportsTheDatabase() {
    Reply ready = Api.get("/health/ready", null).expect(200);
    assertThat(ready.text("status")).isEqualTo("UP");
    assertThat(ready.json().path("checks").findValuesAsText("name")).contains("database");
    Api.get("/health/live", null).expect(200);
  }

  @Test
  void metricsCountRequestsPerEndpoint() {
    Accounts.Session session = Accounts.student();
    Api.get("/api/v1/users/me", session.accessToken()).expect(200);
    Reply metrics = Api.send("GET", "/metrics", null, null, null).expect(200);
    assertThat(metrics.raw().lines())
        .anyMatch(
            line ->
                line.startsWith("lectern_http_requests_seconds_count{method=\"GET\"")
                    && line.contains("route=\"/api/v1/users/me\",status=\"2xx\""))
        .anyMatch(
            line ->
                line.startsWith("lectern_http_requests_seconds_bucket{method=\"POST\"")
                    && line.contains("route=\"/api/v1/auth/login\",status=\"2xx\"")
                    && line.contains("le=\"0.25\""));
  }

  @Test
  void metricsReportDatabaseConnectionPoolAndDiskCapacity() throws InterruptedException {
    // The database is read in the background after start-up and then at most every 15 s: wait
    // (bounded) for the first values.
    Map<String, Double> gauges = Map.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      gauges = capacityGauges();
      if (gauges.size() == 5 && gauges.values().stream().noneMatch(v -> v.isNaN())) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(gauges)
        .containsOnlyKeys(
            "lectern_db_size_bytes",
            "lectern_db_cache_hit_ratio",
            "lectern_db_reachable",
            "lectern_db_connections_max",
            "lectern_data_disk_used_ratio");
    assertThat(gauges.get("lectern_db_size_bytes")).isGreaterThan(1_000_000.0);
    assertThat(gauges.get("lectern_db_cache_hit_ratio")).isBetween(0.0, 1.0);
    assertThat(gauges.get("lectern_db_reachable")).isEqualTo(1.0);
    // The integration-test server keeps the default pool size (LMS_DB_POOL_MAX unset).
    assertThat(gauges.get("lectern_db_connections_max")).isEqualTo(20.0);
    assertThat(gauges.get("lectern_data_disk_used_ratio")).isGreaterThan(0.0).isLessThan(1.0);

    // Liberty's connection pool gauges of the same data source, for pool usage in PromQL.
    String metrics = Api.send("GET", "/metrics", null, null, null).expect(200).raw();
    assertThat(metrics.lines())
        .anyMatch(
            line -> line.startsWith("connectionpool_managedConnections{datasource=\"jdbc_lms\""))
        .anyMatch(
            line -> line.startsWith("connectionpool_freeConnections{datasource=\"jdbc_lms\""));
  }

  /** The capacity gauges as Prometheus reads them: name (without labels) to value. */
  private static Map<String, Double> capacityGauges() {
    String metrics = Api.send("GET", "/metrics", null, null, null).expect(200).raw();
    Map<String, Double> gauges = new HashMap<>();
    metrics
        .lines()
        .filter(line -> line.startsWith("lectern_db_") || line.startsWith("lectern_data_"))
        .forEach(
            line ->
                gauges.put(
                    line.substring(0, line.indexOf('{')),
                    Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    return gauges;
  }

  @Test
  void openApiDocumentsEveryIdentityEndpoint() {
    Reply spec = Api.send("GET", "/openapi?format=JSON", null, null, null).expect(200);
    var paths = spec.json().path("paths");
    for (String path :
        new String[] {
          "/api/v1/auth/register",
          "/api/v1/auth/login",
          "/api/v1/auth/refresh",
          "/api/v1/auth/logout",
          "/api/v1/auth/logout-all",
          "/api/v1/users/me",
          "/api/v1/admin/users",
          "/api/v1/admin/users/{id}",
          "/api/v1/courses",
          "/api/v1/courses/{id}",
          "/api/v1/courses/{id}/publish",
          "/api/v1/courses/{id}/unpublish",
          "/api/v1/courses/{id}/lessons",
          "/api/v1/courses/{id}/lessons/order",
          "/api/v1/lessons/{id}",
          "/api/v1/instructor/courses"
        }) {
      assertThat(paths.has(path)).as("OpenAPI documents %s", path).isTrue();
    }
    var schemas = spec.json().path("components").path("schemas");
    for (String schema :
        new String[] {
          "Register",
          "Login",
          "TokenResponse",
          "UserResponse",
          "UserPage",
          "NewCourse",
          "CourseDetail",
          "CoursePage",
          "LessonDetail",
          "NewLesson"
        }) {
      assertThat(schemas.has(schema)).as("OpenAPI schema %s", schema).isTrue();
    }
    assertThat(
            paths
                .path("/api/v1/auth/login")
                .path("post")
                .path("responses")
                .path("200")
                .path("content")
                .toString())
        .contains("TokenResponse");
    assertThat(Api.send("GET", "/openapi/ui/", null, null, null).status()).isEqualTo(200);
  }

  @Test
  void liquibaseOwnsTheSchema() {
    assertThat(
            Db.count(
                "select count(*) from databasechangelog where filename like '%users/001-users.sql'"))
        .isGreaterThanOrEqualTo(3);
    assertThat(
            Db.count(
                "select count(*) from information_schema.tables where table_schema = 'users'"
                    + " and table_name in ('users', 'refresh_tokens')"))
        .isEqualTo(2);
  }

  @Test
  void theFirstAdminComesFromTheEnvironment() {
    Reply login =
        Api.post(
                "/api/v1/auth/login",
                Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD),
                null)
            .expect(200);
    assertThat(login.json().path("user").path("role").asText()).isEqualTo("admin");
    // Demo accounts exist only in the embedded demo mode, which the tests do not use.
    assertThat(Db.count("select count(*) from users.users where email like '%@lectern.local'"))
        .isZero();
  }

  @Test
  void noConnectionIsLeftIdleInTransactionAfterRequests() throws Exception {
    Accounts.Session student = Accounts.student();
    String token = student.accessToken();
    java.util.List<Parallel.Call> calls = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      int n = i;
      calls.add(
          switch (n % 4) {
            case 0 -> () -> Api.get("/api/v1/courses?q=lectern", null);
            case 1 -> () -> Api.get("/api/v1/me/enrollments", token);
            case 2 -> () -> Api.get("/v1/tutorials/progress/idle-" + n, token);
            default ->
                () ->
                    Api.post(
                        "/v1/tutorials/progress/idle-" + n + "/chapter",
                        Map.of("chapterId", "c1", "watchTime", 5),
                        token);
          });
    }
    Parallel.run(calls, java.time.Duration.ofSeconds(60))
        .forEach(reply -> assertThat(reply.status()).isLessThan(300));
    Thread.sleep(1_500);

    // A pooled connection idle inside a transaction would hold a snapshot that stops vacuum.
    assertThat(
            Db.rows(
                """
                SELECT pid, state, now() - state_change AS idle_for, left(query, 80) AS query
                FROM pg_stat_activity
                WHERE datname = current_database()
                  AND state LIKE 'idle in transaction%'
                  AND now() - state_change > interval '1 second'
                """))
        .isEmpty();
  }
}
