package io.lectern.lti.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.security.Role;
import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LtiRulesTest {

  private static final LineItem OUT_OF_50 =
      new LineItem(
          UUID.randomUUID(),
          UUID.randomUUID(),
          UUID.randomUUID(),
          null,
          "Lab",
          new BigDecimal("50"),
          null,
          null,
          null,
          null);

  private static Score score(String given, String max) {
    return new Score(
        UUID.randomUUID(),
        given == null ? null : new BigDecimal(given),
        max == null ? null : new BigDecimal(max),
        "Completed",
        "FullyGraded",
        null,
        Instant.now());
  }

  @Test
  void aScoreIsAPercentageOfItsOwnMaximumBoundedTo0And100() {
    assertThat(GradeService.percent(score("45", "50"), OUT_OF_50)).isEqualTo(90);
    assertThat(GradeService.percent(score("7", "10"), OUT_OF_50)).isEqualTo(70);
    assertThat(GradeService.percent(score("12", "10"), OUT_OF_50)).isEqualTo(100);
    assertThat(GradeService.percent(score(null, null), OUT_OF_50)).isZero();
    assertThat(GradeService.percent(score("0.5", "3"), OUT_OF_50)).isEqualTo(17);
  }

  @Test
  void lisRolesFollowTheRelationToTheCourse() {
    assertThat(LisRoles.of(Role.STUDENT, false))
        .containsExactly(LisRoles.LEARNER, LisRoles.INSTITUTION_STUDENT);
    assertThat(LisRoles.of(Role.INSTRUCTOR, true)).contains(LisRoles.INSTRUCTOR);
    assertThat(LisRoles.of(Role.INSTRUCTOR, false)).contains(LisRoles.LEARNER);
    assertThat(LisRoles.of(Role.ADMIN, false))
        .contains(LisRoles.CONTEXT_ADMIN, LisRoles.SYSTEM_ADMIN)
        .doesNotContain(LisRoles.LEARNER);
  }

  @Test
  void toolUrlsMustBeAbsoluteWebUrlsWithoutFragments() {
    ToolService.url("loginUrl", "https://tool.example.org/login?x=1");
    ToolService.url("loginUrl", "http://127.0.0.1:19311/");
    for (String bad :
        new String[] {
          "javascript:alert(1)",
          "/relative",
          "ftp://tool.example.org/",
          "https://t.example/#f",
          "x y"
        }) {
      assertThatThrownBy(() -> ToolService.url("loginUrl", bad))
          .as(bad)
          .isInstanceOf(LmsException.class)
          .hasMessageContaining("absolute http or https URL");
    }
  }

  @Test
  void onlyRsaKeysOf2048BitsOrMoreAreAccepted() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    assertThat(ToolKeys.parsePem(pem)).isPresent();
    rsa.initialize(1024);
    String weak =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    assertThat(ToolKeys.parsePem(weak)).isEmpty();
    assertThat(
            ToolKeys.parsePem("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----"))
        .isEmpty();
  }

  @Test
  void secretsAreRandomAndStoredAsHashes() {
    String a = Secrets.random();
    assertThat(a).hasSize(43).doesNotContain("=").isNotEqualTo(Secrets.random());
    assertThat(Secrets.hash(a)).hasSize(64).isEqualTo(Secrets.hash(a)).isNotEqualTo(a);
  }
}
