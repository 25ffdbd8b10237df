package io.lectern.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.users.api.RateLimitPolicy;
import io.lectern.users.api.RateLimitState;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

  private static final RateLimitPolicy WRITES = new RateLimitPolicy("writes", 120, 60, false);

  @Test
  void thePolicyFieldNamesTheClassWithItsQuotaAndWindow() {
    assertThat(RateLimitHeaders.policy(new RateLimitState(WRITES, 37, 21, true)))
        .isEqualTo("\"writes\";q=120;w=60");
  }

  @Test
  void theStateFieldGivesTheRemainderAndTheSecondsToTheReset() {
    assertThat(RateLimitHeaders.state(new RateLimitState(WRITES, 37, 21, true)))
        .isEqualTo("\"writes\";r=37;t=21");
    assertThat(RateLimitHeaders.state(new RateLimitState(WRITES, 0, 5, false)))
        .isEqualTo("\"writes\";r=0;t=5");
  }
}
