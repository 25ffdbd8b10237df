package io.lectern.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class VerificationPageTest {

  @Test
  void escapesEveryCharacterWithMeaningInHtml() {
    assertThat(Html.escape("<b>\"Tom\" & 'Jerry'</b>"))
        .isEqualTo("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
    assertThat(Html.escape(null)).isEmpty();
    assertThat(Html.escape("a\u0000b")).isEqualTo("a b");
  }

  @Test
  void aValidCertificateShowsWhatWasCertifiedEscaped() {
    String html =
        VerificationPage.render(
            new Verification(
                true,
                "valid",
                "LEC-7K3M-9QXD-2HFA-R8WZ",
                "<script>alert(1)</script> Jane",
                "Bread & Butter",
                LocalDate.of(2025, 3, 7),
                Instant.parse("2025-03-07T10:15:00Z"),
                null,
                null));
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("Valid certificate")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; Jane")
        .contains("Bread &amp; Butter")
        .contains("7 March 2025")
        .contains("LEC-7K3M-9QXD-2HFA-R8WZ")
        .doesNotContain("<script")
        .doesNotContain("REVOKED")
        .doesNotContain("http");
  }

  @Test
  void aRevokedCertificateHasABannerWithWhenAndWhy() {
    String html =
        VerificationPage.render(
            new Verification(
                false,
                "revoked",
                "LEC-7K3M-9QXD-2HFA-R8WZ",
                "Jane Doe",
                "Bread",
                LocalDate.of(2025, 3, 7),
                Instant.parse("2025-03-07T10:15:00Z"),
                Instant.parse("2025-04-01T08:00:00Z"),
                "Plagiarism <proved>"));
    assertThat(html)
        .contains("class=\"banner revoked\"")
        .contains("REVOKED")
        .contains("1 April 2025, 08:00 UTC")
        .contains("Plagiarism &lt;proved&gt;")
        .doesNotContain("Valid certificate");
  }

  @Test
  void anUnknownNumberIsEscapedToo() {
    assertThat(VerificationPage.notFound("<img src=x onerror=alert(1)>"))
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img");
  }
}
