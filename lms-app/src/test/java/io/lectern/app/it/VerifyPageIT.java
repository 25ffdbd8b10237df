package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public verification page, over HTTP and in a real (headless) browser. */
class VerifyPageIT {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final Accounts.Session teacher = Accounts.withRole("instructor");
  private final Accounts.Session admin = Accounts.admin();

  @TempDir Path browserProfile;

  private record Issued(String id, String number) {}

  private Issued issue(String holderName, String courseTitle) {
    Accounts.Session student = Certificates.studentNamed(holderName);
    UUID enrollment =
        Certificates.completedEnrolment(teacher.accessToken(), student.accessToken(), courseTitle);
    Reply certificate = Certificates.awaitFor(student.accessToken(), enrollment);
    return new Issued(certificate.text("id"), certificate.text("certificateNumber"));
  }

  @Test
  void thePageIsSelfContainedEscapedHtml() {
    Issued issued = issue("Zoë <b>O'Brien</b> & Co", "Pastry <i>basics</i>");
    Reply page = Api.send("GET", "/verify/" + issued.number(), null, null, null).expect(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(page.raw())
        .contains("Zoë &lt;b&gt;O&#39;Brien&lt;/b&gt; &amp; Co")
        .contains("Pastry &lt;i&gt;basics&lt;/i&gt;")
        .contains(issued.number())
        .contains("Valid certificate")
        .doesNotContain("<b>")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("src=")
        .doesNotContain("@import")
        .doesNotContain("url(");

    Reply unknown =
        Api.send("GET", "/verify/LEC-0000-0000-0000-0000", null, null, null).expect(404);
    assertThat(unknown.header("Content-Type")).startsWith("text/html");
    assertThat(unknown.raw()).contains("Unknown certificate");
    Reply hostile = Api.send("GET", "/verify/%3Cscript%3Ex%3C%2Fscript%3E", null, null, null);
    assertThat(hostile.raw()).doesNotContain("<script>x");
  }

  @Test
  void aBrowserShowsTheHolderAndThenTheRevokedBanner() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Headless Chromium is not installed at /usr/bin/chromium (apt-get install chromium);"
            + " skipping the browser check of the verification page");
    String name = "Katherine Johnson " + Courses.marker();
    Issued issued = issue(name, "Orbital Mechanics");
    String url = Api.BASE_URL + "/verify/" + issued.number();

    String valid = dumpDom(url);
    assertThat(valid)
        .contains(name)
        .contains("Orbital Mechanics")
        .contains(issued.number())
        .contains("Valid certificate")
        .doesNotContain("REVOKED");

    Api.post(
            "/api/v1/admin/certificates/" + issued.id() + "/revoke",
            Map.of("reason", "Exam irregularities"),
            admin.accessToken())
        .expect(200);
    String revoked = dumpDom(url);
    assertThat(revoked)
        .contains(name)
        .contains("REVOKED")
        .contains("Exam irregularities")
        .contains("class=\"banner revoked\"")
        .doesNotContain("Valid certificate");
  }

  /** The DOM headless Chromium renders for the page. */
  private String dumpDom(String url) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(browserProfile, "profile");
    Path output = Files.createTempFile(browserProfile, "dom", ".html");
    Process chromium =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile,
                    "--dump-dom",
                    url))
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      throw new AssertionError("Chromium did not finish within 90 s");
    }
    String dom = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(dom).as("rendered DOM of %s", url).contains("<main>");
    return dom;
  }
}
