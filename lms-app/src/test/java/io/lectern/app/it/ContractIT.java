package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A generative contract test driven by the served OpenAPI document: every operation, called as
 * every kind of caller, with valid, boundary and hostile values in its path, query and body. Every
 * answer must be below 500, every error problem+json with its status and a code, every status
 * listed in the document for the operation, and every 2xx body must match its documented schema.
 * {@code -Dlms.test.contract.rounds=N} repeats the hostile rounds with other random values (a
 * longer soak of the same checks).
 */
class ContractIT {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> METHODS_IN_ORDER =
      List.of("get", "put", "patch", "post", "delete");
  private static final String LONG_TEXT = "x".repeat(10_050);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final Random random = new Random(Long.getLong("lms.test.contract.seed", 20261130L));

  /** Broken promises by operation, status and kind, with a count and the first example. */
  private final Map<String, String> failures = new java.util.TreeMap<>();

  private int requests;
  private int containerRefusals;
  private JsonNode document;
  private SchemaCheck schemas;
  private Fixtures fixtures;

  /** One request as sent, for the report. */
  private record Sent(
      String method, String template, HttpRequest request, String caller, String body) {}

  /** Real objects for path parameters, by the collection segment in front of the parameter. */
  private record Fixtures(Map<String, String> bySegment, Map<String, String> tokens) {}

  @Test
  void everyOperationKeepsItsContractForEveryCallerAndHostileValue() {
    document = Api.get("/openapi?format=JSON", null).expect(200).json();
    schemas = new SchemaCheck(document);
    fixtures = fixtures();
    int rounds = Integer.getInteger("lms.test.contract.rounds", 1);

    List<Map.Entry<String, String>> operations = new ArrayList<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (METHODS_IN_ORDER.contains(op.getKey())) {
                            operations.add(Map.entry(path.getKey(), op.getKey()));
                          }
                        }));
    // Reads first, deletions last, so that most calls find their objects still there.
    operations.sort(Comparator.comparing(e -> METHODS_IN_ORDER.indexOf(e.getValue())));
    assertThat(operations).hasSizeGreaterThan(60);

    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, String> operation : operations) {
        exercise(operation.getKey(), operation.getValue());
      }
    }
    assertThat(requests).isGreaterThan(2_000);
    System.out.printf(
        "Contract: %d requests, %d refused by the web container before the application%n",
        requests, containerRefusals);
    assertThat(failures).as("requests that broke the contract, of %d sent", requests).isEmpty();
  }

  private void exercise(String path, String method) {
    JsonNode operation = document.path("paths").path(path).path(method);
    JsonNode bodySchema = bodySchema(operation);
    String declared = bodyMediaType(operation);
    String mediaType =
        declared != null && declared.startsWith("multipart/")
            ? declared + "; boundary=b"
            : declared;
    for (Map.Entry<String, String> caller : fixtures.tokens().entrySet()) {
      String token = caller.getValue();
      String validPath = fillPath(path, operation, null);
      // Valid values.
      call(
          method,
          path,
          validPath,
          null,
          body(bodySchema, mediaType),
          mediaType,
          token,
          caller.getKey());
      // Hostile values in each path parameter.
      for (String hostile :
          List.of("not-a-uuid", "..%2F..%2Fetc", "%FF%FE", "a".repeat(300), "-1")) {
        call(
            method,
            path,
            fillPath(path, operation, hostile),
            null,
            body(bodySchema, mediaType),
            mediaType,
            token,
            caller.getKey());
      }
      // Hostile values in each query parameter.
      for (JsonNode parameter : operation.path("parameters")) {
        if (!"query".equals(parameter.path("in").asText())) {
          continue;
        }
        for (String value :
            List.of("%00", "%0d%0a", LONG_TEXT, "-1", "99999999999999999999", "%FF", "true")) {
          call(
              method,
              path,
              validPath,
              parameter.path("name").asText() + "=" + value,
              null,
              mediaType,
              token,
              caller.getKey());
        }
      }
      if (bodySchema == null) {
        continue;
      }
      if (!"application/json".equals(mediaType)) {
        call(
            method,
            path,
            validPath,
            null,
            "--b\r\n\r\nx\r\n--b--\r\n",
            declared,
            token,
            caller.getKey());
        for (String raw : List.of("", "garbage", "--x\r\n\r\n--x--")) {
          call(method, path, validPath, null, raw, mediaType, token, caller.getKey());
        }
        continue;
      }
      // Hostile values in each body field, one field at a time.
      JsonNode resolved = resolve(bodySchema);
      for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
        for (JsonNode hostile : hostileValues(resolve(property.getValue()))) {
          ObjectNode body = (ObjectNode) example(resolved, 0);
          body.set(property.getKey(), hostile);
          call(method, path, validPath, null, body.toString(), mediaType, token, caller.getKey());
        }
      }
      // Hostile bodies as a whole.
      for (String raw :
          List.of(
              "",
              "{",
              "null",
              "[]",
              "\"text\"",
              "[".repeat(3000) + "]".repeat(3000),
              "{\"a\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(201),
              "{\"x\":\"\\u0000\"}",
              "\uFEFF{}",
              "{\"a\":1e999999}")) {
        call(method, path, validPath, null, raw, mediaType, token, caller.getKey());
      }
      call(method, path, validPath, null, "{}", "text/plain", token, caller.getKey());
      call(method, path, validPath, null, "{}", "application/xml", token, caller.getKey());
    }
    // One oversized body without a length (chunked) per operation that takes a body.
    if (bodySchema != null) {
      chunked(method, path, fillPath(path, operation, null), mediaType);
    }
  }

  private void call(
      String method,
      String template,
      String path,
      String query,
      String body,
      String mediaType,
      String token,
      String caller) {
    String target = Api.BASE_URL + path + (query == null ? "" : "?" + query);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      return; // not a URI an HTTP client can send; the raw-address cases are in HardeningIT
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null && mediaType != null) {
      request.header("Content-Type", mediaType);
    }
    request.method(
        method.toUpperCase(),
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    send(request.build(), method, template, caller, body);
  }

  private void chunked(String method, String template, String path, String mediaType) {
    byte[] big = new byte[(int) (long) Long.getLong("lms.test.max-json-bytes", 1_048_576L) + 4096];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '[';
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(Api.BASE_URL + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", mediaType)
            .header("Authorization", "Bearer " + fixtures.tokens().get("admin"))
            .method(
                method.toUpperCase(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    send(request, method, template, "admin", "<chunked " + big.length + " bytes>");
  }

  private void send(
      HttpRequest request, String method, String template, String caller, String body) {
    Sent sent = new Sent(method, template, request, caller, body);
    requests++;
    HttpResponse<String> response;
    try {
      response = textOf(CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    } catch (java.io.IOException e) {
      // The server may close a connection after refusing an oversized body; the answer was sent.
      if (body != null && body.startsWith("<chunked")) {
        return;
      }
      fail(sent, -1, "no answer: " + e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    check(sent, response);
  }

  /**
   * The answer with its body as text, except for an event stream, which never ends: its first byte
   * proves it open, then the connection is dropped (the server notices at its next keep-alive).
   */
  private static HttpResponse<String> textOf(HttpResponse<java.io.InputStream> response)
      throws java.io.IOException {
    String body;
    try (java.io.InputStream in = response.body()) {
      if (response
          .headers()
          .firstValue("Content-Type")
          .orElse("")
          .startsWith("text/event-stream")) {
        body = "<event stream, first byte " + in.read() + ">";
      } else {
        body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    String text = body;
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return response.statusCode();
      }

      @Override
      public HttpRequest request() {
        return response.request();
      }

      @Override
      public java.util.Optional<HttpResponse<String>> previousResponse() {
        return java.util.Optional.empty();
      }

      @Override
      public java.net.http.HttpHeaders headers() {
        return response.headers();
      }

      @Override
      public String body() {
        return text;
      }

      @Override
      public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
        return response.sslSession();
      }

      @Override
      public URI uri() {
        return response.uri();
      }

      @Override
      public HttpClient.Version version() {
        return response.version();
      }
    };
  }

  private void check(Sent sent, HttpResponse<String> response) {
    String method = sent.method();
    String template = sent.template();
    int status = response.statusCode();
    String type = response.headers().firstValue("Content-Type").orElse("");
    JsonNode responses = document.path("paths").path(template).path(method).path("responses");
    if (status >= 500) {
      fail(sent, status, "server error: " + response.body());
      return;
    }
    if (status == 400 && response.body().contains("CWWWC0005I")) {
      // Refused by Liberty's web container before any application code (an address that climbs
      // above the root once decoded): a 400 with the container's own body; see HardeningIT.
      containerRefusals++;
      return;
    }
    if (!responses.has(String.valueOf(status)) && !responses.has("default")) {
      fail(sent, status, "status not documented: " + response.body());
    }
    JsonNode declared = responses.path(String.valueOf(status)).path("content");
    if (status >= 400 && !declared.has("application/problem+json") && declared.size() > 0) {
      // An error the operation declares in another media type (a page for people).
      if (!type.startsWith(declared.fieldNames().next())) {
        fail(sent, status, "not the declared type: " + type);
      }
      return;
    }
    if (status >= 400) {
      JsonNode problem = Api.parse(response.body());
      if (!type.startsWith("application/problem+json")
          || problem.path("status").asInt() != status
          || problem.path("code").asText("").isBlank()) {
        fail(sent, status, "not a problem: " + type + " " + response.body());
      }
      return;
    }
    JsonNode schema = declared.path("application/json").path("schema");
    if (!schema.isMissingNode() && type.startsWith("application/json")) {
      List<String> mismatches = schemas.check(Api.parse(response.body()), schema);
      if (!mismatches.isEmpty()) {
        fail(
            sent,
            status,
            "body does not match the schema: "
                + mismatches.subList(0, Math.min(5, mismatches.size())));
      }
    }
  }

  private void fail(Sent sent, int status, String what) {
    String kind = what.substring(0, Math.max(0, what.indexOf(':')));
    String key =
        String.format(
            "%s %s -> %d (%s)", sent.method().toUpperCase(), sent.template(), status, kind);
    String body = sent.body();
    failures.merge(
        key,
        String.format(
            "1x, e.g. as %s: %s %s%n      answer: %s",
            sent.caller(),
            sent.request().uri(),
            body == null ? "" : body.length() > 120 ? body.substring(0, 120) + "..." : body,
            what.length() > 300 ? what.substring(0, 300) + "..." : what),
        (old, ignored) -> {
          int times = Integer.parseInt(old.substring(0, old.indexOf('x'))) + 1;
          return times + old.substring(old.indexOf('x'));
        });
  }

  // ---- values -------------------------------------------------------------------------------

  private String fillPath(String template, JsonNode operation, String hostile) {
    StringBuilder path = new StringBuilder();
    String[] segments = template.split("/");
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      path.append('/');
      if (segment.startsWith("{")) {
        path.append(
            hostile != null
                ? hostile
                : fixtures.bySegment().getOrDefault(segments[i - 1], UUID.randomUUID().toString()));
      } else {
        path.append(segment);
      }
    }
    return path.toString();
  }

  private static String bodyMediaType(JsonNode operation) {
    JsonNode content = operation.path("requestBody").path("content");
    return content.isMissingNode() || content.size() == 0 ? null : content.fieldNames().next();
  }

  private static JsonNode bodySchema(JsonNode operation) {
    JsonNode content = operation.path("requestBody").path("content");
    if (content.isMissingNode() || content.size() == 0) {
      return null;
    }
    return content.elements().next().path("schema");
  }

  private String body(JsonNode schema, String mediaType) {
    if (schema == null) {
      return null;
    }
    if (mediaType != null && mediaType.startsWith("multipart/")) {
      return "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--b--\r\n";
    }
    return example(resolve(schema), 0).toString();
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int i = 0; i < 10 && current.has("$ref"); i++) {
      current = schemas.resolve(current.get("$ref").asText());
    }
    if (current.has("allOf") && current.get("allOf").size() == 1) {
      return resolve(current.get("allOf").get(0));
    }
    return current;
  }

  /** A value that fits the schema: required and optional properties, within the limits. */
  private JsonNode example(JsonNode schema, int depth) {
    JsonNode s = resolve(schema);
    if (s.has("enum")) {
      return s.get("enum").get(random.nextInt(s.get("enum").size()));
    }
    switch (s.path("type").asText("object")) {
      case "object" -> {
        ObjectNode object = NODES.objectNode();
        if (depth < 4) {
          s.path("properties")
              .properties()
              .forEach(p -> object.set(p.getKey(), example(p.getValue(), depth + 1)));
        }
        return object;
      }
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        if (depth < 4) {
          array.add(example(s.path("items"), depth + 1));
        }
        return array;
      }
      case "integer" -> {
        long min = s.path("minimum").asLong(0);
        return NODES.numberNode(Math.max(min, Math.min(s.path("maximum").asLong(5), 5)));
      }
      case "number" -> {
        return NODES.numberNode(
            Math.max(
                s.path("minimum").asDouble(0), Math.min(s.path("maximum").asDouble(1.5), 1.5)));
      }
      case "boolean" -> {
        return NODES.booleanNode(random.nextBoolean());
      }
      default -> {
        return NODES.textNode(exampleText(s));
      }
    }
  }

  private String exampleText(JsonNode s) {
    String format = s.path("format").asText("");
    String pattern = s.path("pattern").asText("");
    if (format.equals("uuid")
        || pattern.contains("[a-fA-F0-9]{8}")
        || pattern.contains("[0-9a-fA-F]{8}")) {
      return fixtures.bySegment().get("lessons");
    }
    if (format.equals("email")) {
      return Api.uniqueEmail("contract");
    }
    if (format.equals("date-time")) {
      return "2026-01-02T03:04:05Z";
    }
    if (pattern.contains("https?")) {
      return "https://example.org/v.mp4";
    }
    if (pattern.contains("[a-z0-9]+(-[a-z0-9]+)*")) {
      return "contract-" + Integer.toHexString(random.nextInt());
    }
    if (pattern.startsWith("^(?:") && pattern.contains("|")) {
      return pattern.substring(4, pattern.indexOf('|')).replace("(", "");
    }
    int min = s.path("minLength").asInt(1);
    return "Contract text " + "y".repeat(Math.max(0, min - 13));
  }

  private static List<JsonNode> hostileValues(JsonNode property) {
    List<JsonNode> values = new ArrayList<>();
    values.add(NODES.nullNode());
    values.add(NODES.objectNode().put("unexpected", true));
    switch (property.path("type").asText("")) {
      case "string" -> {
        values.add(NODES.textNode("a\u0000b"));
        values.add(NODES.textNode("\u0007bell"));
        values.add(NODES.textNode("lone \uD800 surrogate"));
        values.add(NODES.textNode(LONG_TEXT));
        values.add(NODES.textNode(""));
        values.add(NODES.textNode("   "));
        values.add(NODES.textNode("../../etc/passwd"));
        values.add(NODES.numberNode(12345));
        values.add(NODES.booleanNode(true));
      }
      case "integer", "number" -> {
        values.add(NODES.numberNode(-1));
        values.add(NODES.numberNode(new java.math.BigDecimal("1e309")));
        values.add(NODES.numberNode(new java.math.BigInteger("9223372036854775808")));
        values.add(NODES.numberNode(2.5));
        values.add(NODES.textNode("12"));
      }
      case "boolean" -> {
        values.add(NODES.textNode("perhaps"));
        values.add(NODES.numberNode(1));
      }
      case "array" -> {
        values.add(NODES.textNode("not a list"));
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i < 1_000; i++) {
          many.add(UUID.randomUUID().toString());
        }
        values.add(many);
      }
      default -> values.add(NODES.textNode("\u0000"));
    }
    return values;
  }

  // ---- callers and objects ------------------------------------------------------------------

  private static Fixtures fixtures() {
    Quizzes.Ready ready = Quizzes.ready();
    String student = ready.student().accessToken();
    String teacher = ready.teacher().accessToken();
    String admin = Accounts.admin().accessToken();
    UUID attempt = Quizzes.attemptId(Quizzes.start(student, ready.quiz()).expect(201));
    Reply upload =
        Uploads.upload(
                student,
                new Uploads.Part("contract.txt", "text/plain", Uploads.text("contract test file")))
            .expect(201);
    Map<String, String> bySegment = new LinkedHashMap<>();
    bySegment.put("courses", ready.draft().course().toString());
    bySegment.put("lessons", ready.draft().quizLesson().toString());
    bySegment.put("enrollments", ready.enrollment().toString());
    bySegment.put("quizzes", ready.quiz().toString());
    bySegment.put("questions", ready.questions().get(0).toString());
    bySegment.put("attempts", attempt.toString());
    bySegment.put("files", upload.text("id"));
    bySegment.put("users", ready.student().id().toString());
    bySegment.put("overrides", ready.student().id().toString());
    bySegment.put("progress", "contract-tutorial");
    bySegment.put("verify", "LEC-0000-0000");
    bySegment.put("certificates", UUID.randomUUID().toString());
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("anonymous", null);
    tokens.put("forged token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
    tokens.put("student", student);
    tokens.put("instructor", teacher);
    tokens.put("admin", admin);
    return new Fixtures(bySegment, tokens);
  }
}
