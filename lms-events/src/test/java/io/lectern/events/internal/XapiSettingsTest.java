package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class XapiSettingsTest {

  private static XapiSettings.Values read(Map<String, String> config) {
    return XapiSettings.read(key -> Optional.ofNullable(config.get(key)));
  }

  @Test
  void offWithoutAnEndpoint() {
    XapiSettings.Values v = read(Map.of());
    assertThat(v.statements()).isNull();
    assertThat(v.batchSize()).isEqualTo(50);
  }

  @Test
  void onWithEndpointKeyAndSecretAndTheSecretStaysOutOfTheText() {
    XapiSettings.Values v =
        read(
            Map.of(
                "lms.xapi.endpoint", "https://lrs.example.org/xapi/",
                "lms.xapi.key", "lectern",
                "lms.xapi.secret", "s3cr3t-value",
                "lms.xapi.base.iri", "https://lms.example.org/",
                "lms.xapi.batch.size", "20"));
    assertThat(v.statements()).hasToString("https://lrs.example.org/xapi/statements");
    assertThat(v.baseIri()).isEqualTo("https://lms.example.org");
    assertThat(v.batchSize()).isEqualTo(20);
    assertThat(v.authorization()).isEqualTo("Basic bGVjdGVybjpzM2NyM3QtdmFsdWU=");
    assertThat(v.toString()).doesNotContain("s3cr3t").doesNotContain("bGVjdGVybjpzM2NyM3Q");
  }

  @Test
  void theBaseDefaultsToThePublicAddress() {
    XapiSettings.Values v =
        read(
            Map.of(
                "lms.xapi.endpoint", "http://127.0.0.1:8080/lrs",
                "lms.xapi.key", "k",
                "lms.xapi.secret", "s",
                "lms.public.base.url", "https://learn.example.org"));
    assertThat(v.baseIri()).isEqualTo("https://learn.example.org");
    assertThat(v.statements()).hasToString("http://127.0.0.1:8080/lrs/statements");
  }

  @Test
  void wrongSettingsStopTheStartNamingTheVariable() {
    assertThatThrownBy(() -> read(Map.of("lms.xapi.endpoint", "https://lrs.example.org/xapi")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LMS_XAPI_KEY");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "lms.xapi.endpoint", "https://lrs.example.org/xapi",
                        "lms.xapi.key", "k")))
        .hasMessageContaining("LMS_XAPI_SECRET");
    assertThatThrownBy(() -> read(Map.of("lms.xapi.endpoint", "ftp://lrs.example.org/")))
        .hasMessageContaining("LMS_XAPI_ENDPOINT");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "lms.xapi.endpoint", "https://lrs.example.org/xapi",
                        "lms.xapi.key", "k",
                        "lms.xapi.secret", "s",
                        "lms.xapi.base.iri", "not an iri")))
        .hasMessageContaining("LMS_XAPI_BASE_IRI");
    assertThatThrownBy(() -> read(Map.of("lms.xapi.batch.size", "0")))
        .hasMessageContaining("LMS_XAPI_BATCH_SIZE");
    assertThatThrownBy(() -> read(Map.of("lms.xapi.batch.size", "many")))
        .hasMessageContaining("LMS_XAPI_BATCH_SIZE");
  }

  @Test
  void theLrsAnswerDecidesWhatHappensNext() {
    assertThat(XapiClient.classify(200, "[\"id\"]").outcome()).isEqualTo(XapiClient.Outcome.STORED);
    assertThat(XapiClient.classify(204, "").outcome()).isEqualTo(XapiClient.Outcome.STORED);
    assertThat(XapiClient.classify(409, "").outcome()).isEqualTo(XapiClient.Outcome.CONFLICT);
    assertThat(XapiClient.classify(400, "bad").outcome()).isEqualTo(XapiClient.Outcome.REJECTED);
    for (int status : new int[] {401, 403, 404, 429, 500, 502, 503}) {
      assertThat(XapiClient.classify(status, "").outcome()).isEqualTo(XapiClient.Outcome.RETRY);
    }
  }
}
