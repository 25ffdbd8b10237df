package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  @Test
  void signsTheStandardWebhooksExampleLikeTheSpecification() {
    // The example of the Standard Webhooks specification (also what the npm library computes).
    assertThat(
            WebhookSigner.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}"))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void newSecretsCarryThirtyTwoRandomBytesBehindThePrefix() {
    String one = WebhookSigner.newSecret();
    assertThat(one).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(one.substring(6))).hasSize(32);
    assertThat(WebhookSigner.newSecret()).isNotEqualTo(one);
  }

  @Test
  void refusesASecretWithoutThePrefix() {
    assertThatThrownBy(() -> WebhookSigner.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "a", 1, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
