package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));

  private static RefreshToken newToken() {
    RefreshTokenSecret secret = RefreshTokenSecret.generate();
    return new RefreshToken(
        UUID.randomUUID(),
        secret.jti(),
        secret.hash(),
        UUID.randomUUID(),
        EXPIRES,
        new ClientInfo("203.0.113.7", "JUnit"),
        NOW);
  }

  @Test
  void newTokenIsLiveAndNotReplayed() {
    RefreshToken token = newToken();

    assertThat(token.isLive(NOW)).isTrue();
    assertThat(token.isLive(EXPIRES.minusSeconds(1))).isTrue();
    assertThat(token.isReplayed()).isFalse();
    assertThat(token.revokedAt()).isNull();
  }

  @Test
  void constructorKeepsTheGivenIdentity() {
    UUID userId = UUID.randomUUID();
    UUID familyId = UUID.randomUUID();
    RefreshToken token =
        new RefreshToken(userId, "jti", "hash", familyId, EXPIRES, new ClientInfo(null, null), NOW);

    assertThat(token.userId()).isEqualTo(userId);
    assertThat(token.familyId()).isEqualTo(familyId);
    assertThat(token.secretHash()).isEqualTo("hash");
  }

  @Test
  void usedTokenIsNoLongerLiveAndCountsAsReplayed() {
    RefreshToken token = newToken();

    token.markUsed(NOW.plusSeconds(60));

    assertThat(token.isLive(NOW.plusSeconds(61))).isFalse();
    assertThat(token.isReplayed()).isTrue();
    assertThat(token.revokedAt()).isNull();
  }

  @Test
  void revokedTokenIsNoLongerLiveAndCountsAsReplayed() {
    RefreshToken token = newToken();
    Instant revokedAt = NOW.plusSeconds(60);

    token.revoke(revokedAt);

    assertThat(token.isLive(NOW.plusSeconds(61))).isFalse();
    assertThat(token.isReplayed()).isTrue();
    assertThat(token.revokedAt()).isEqualTo(revokedAt);
  }

  @Test
  void revokingTwiceKeepsTheFirstRevocationTime() {
    RefreshToken token = newToken();
    Instant first = NOW.plusSeconds(60);

    token.revoke(first);
    token.revoke(NOW.plusSeconds(120));

    assertThat(token.revokedAt()).isEqualTo(first);
  }

  @Test
  void expiredTokenIsNotLiveButIsNotReplayed() {
    RefreshToken token = newToken();

    assertThat(token.isLive(EXPIRES)).isFalse();
    assertThat(token.isLive(EXPIRES.plusSeconds(1))).isFalse();
    assertThat(token.isReplayed()).isFalse();
  }
}
