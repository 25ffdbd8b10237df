package io.lectern.app.it;

import static io.lectern.app.it.Tutorials.SEED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Admin figures on tutorial progress: activity statistics and the data checks. */
class TutorialAdminIT {

  private static final String STATS = "/api/v1/admin/tutorials/stats";
  private static final String ANOMALIES = "/api/v1/admin/tutorials/anomalies";

  private static void watch(Accounts.Session user, String tutorial, String chapter, boolean done) {
    Api.post(
            SEED + "/" + tutorial + "/chapter",
            "{\"chapterId\": \""
                + chapter
                + "\", \"watchTime\": 60, \"completed\": "
                + done
                + ", \"totalChapters\": 2}",
            user.accessToken())
        .expect(200);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (node.path(field).asText().equals(value)) {
        return node;
      }
    }
    return null;
  }

  @Test
  void statsShowActivityPerTutorialAndCertificatesPerDay() {
    Accounts.Session first = Accounts.student();
    Accounts.Session second = Accounts.student();
    String tutorial = Tutorials.freshTutorial("stats");
    watch(first, tutorial, "a", true);
    watch(first, tutorial, "b", true);
    watch(second, tutorial, "a", false);
    Api.post(SEED + "/" + tutorial + "/complete", "{}", first.accessToken()).expect(200);

    Reply stats = Api.get(STATS + "?days=7", Accounts.admin().accessToken()).expect(200);

    assertThat(stats.json().path("days").asInt()).isEqualTo(7);
    assertThat(Instant.parse(stats.text("since"))).isBefore(Instant.now().minusSeconds(6 * 86400));
    JsonNode entry = find(stats.json().path("tutorials"), "tutorialId", tutorial);
    assertThat(entry).as("the tutorial is listed: %s", stats.raw()).isNotNull();
    assertThat(entry.path("activeUsers").asInt()).isEqualTo(2);
    assertThat(entry.path("averageCompletion").asDouble()).isEqualTo(50.0); // (100 + 0) / 2
    JsonNode today =
        find(
            stats.json().path("certificatesPerDay"),
            "date",
            LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(today).as("today's certificates: %s", stats.raw()).isNotNull();
    assertThat(today.path("certificatesEarned").asInt()).isGreaterThanOrEqualTo(1);

    // Default window, and the limits of days.
    assertThat(
            Api.get(STATS, Accounts.admin().accessToken()).expect(200).json().path("days").asInt())
        .isEqualTo(7);
    String admin = Accounts.admin().accessToken();
    for (String days : new String[] {"0", "367", "-1", "week", "1.5"}) {
      assertThat(
              Api.get(STATS + "?days=" + days, admin)
                  .expectProblem(400, "request.invalid")
                  .violationFields())
          .containsExactly("days");
    }
  }

  @Test
  void anomaliesListProgressThatBreaksTheDataRules() {
    Accounts.Session student = Accounts.student();
    String tutorial = Tutorials.freshTutorial("anomaly");
    watch(student, tutorial, "a", true);
    watch(student, tutorial, "b", true);
    String healthy = Tutorials.freshTutorial("healthy");
    watch(student, healthy, "a", true);
    // Data from before this server: more chapters completed than the tutorial has.
    assertThat(
            Tutorials.corrupt(
                "update tutorials.tutorial_progress set total_chapters = 1"
                    + " where user_id = ? and tutorial_id = ?",
                student.id(),
                tutorial))
        .isEqualTo(1);

    String admin = Accounts.admin().accessToken();
    Reply page = Api.get(ANOMALIES + "?size=100", admin).expect(200);

    assertThat(page.header("X-Total-Count")).isNotNull();
    JsonNode items = page.json().path("items");
    JsonNode found = find(items, "tutorialId", tutorial);
    assertThat(found).as("the broken record is listed: %s", page.raw()).isNotNull();
    assertThat(found.path("userId").asText()).isEqualTo(student.id().toString());
    assertThat(found.path("chaptersCompleted").asInt()).isEqualTo(2);
    assertThat(found.path("totalChapters").asInt()).isEqualTo(1);
    assertThat(found.path("problems").get(0).asText())
        .isEqualTo("more-chapters-completed-than-exist");
    assertThat(found.path("progressId").asText())
        .isEqualTo(Tutorials.progressRow(student.id(), tutorial).get("id").toString());
    assertThat(find(items, "tutorialId", healthy)).isNull();
    Api.get(ANOMALIES + "?size=1000", admin).expectProblem(400, "paging.invalid");

    // The next update repairs the record: totals are derived again.
    watch(student, tutorial, "c", false);
    assertThat(Tutorials.progressRow(student.id(), tutorial).get("total_chapters")).isEqualTo(3);
  }

  @Test
  void onlyAdminsSeeTheFigures() {
    Accounts.Session student = Accounts.student();
    Accounts.Session instructor = Accounts.withRole("instructor");
    for (String path : new String[] {STATS, ANOMALIES}) {
      Api.get(path, student.accessToken()).expectProblem(403, "auth.forbidden");
      Api.get(path, instructor.accessToken()).expectProblem(403, "auth.forbidden");
      Api.get(path, null).expectProblem(401, "auth.required");
    }
  }
}
