package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;

/** A response: status, headers and the body parsed as JSON. */
public record Reply(int status, HttpHeaders headers, String raw, JsonNode json) {

  static Reply of(HttpResponse<String> response) {
    return new Reply(
        response.statusCode(), response.headers(), response.body(), Api.parse(response.body()));
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  public List<String> allHeaders(String name) {
    return headers.allValues(name);
  }

  public String text(String field) {
    JsonNode node = json.path(field);
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  public Reply expect(int expected) {
    assertThat(status).as("HTTP status; body: %s", raw).isEqualTo(expected);
    return this;
  }

  /** Asserts an RFC 9457 problem with the given status and code, and returns it. */
  public Reply expectProblem(int expected, String code) {
    expect(expected);
    assertThat(header("Content-Type")).startsWith("application/problem+json");
    assertThat(json.path("status").asInt()).isEqualTo(expected);
    assertThat(json.path("code").asText()).isEqualTo(code);
    assertThat(json.path("title").asText()).isNotBlank();
    assertThat(json.path("detail").asText()).isNotBlank();
    assertThat(json.path("type").asText()).isNotBlank();
    assertThat(raw).doesNotContain("Exception").doesNotContain("io.lectern");
    return this;
  }

  /** The field names listed in a 400's {@code violations}. */
  public List<String> violationFields() {
    return json.path("violations").findValuesAsText("field");
  }
}
