package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document passes a standard linter (Redocly CLI, from npm, run with npx) and
 * every pattern in it is a valid ECMA-262 expression (checked by Node.js itself). Needs Node.js and
 * npm: CI (which sets {@code CI}) fails without them; a developer machine without them skips with a
 * message.
 */
class OpenApiLintIT {

  static final String REDOCLY = "@redocly/cli@2.77.0";
  private static final Path CONFIG = Path.of("src/test/openapi");
  private static final Path OUT = Path.of("target/openapi");

  @Test
  void theServedDocumentPassesTheLinterAndItsPatternsAreEcmaScript() throws Exception {
    NodeApp.requireTools("the OpenAPI lint", "npx", "node");
    Files.createDirectories(OUT);
    Path yaml = OUT.resolve("openapi.yaml");
    Path json = OUT.resolve("openapi.json");
    Files.writeString(yaml, Api.get("/openapi", null).expect(200).raw());
    Files.writeString(json, Api.get("/openapi?format=JSON", null).expect(200).raw());

    Result lint =
        run(
            List.of(
                "npx",
                "--yes",
                REDOCLY,
                "lint",
                "--config",
                CONFIG.resolve("redocly.yaml").toString(),
                yaml.toString()));
    assertThat(lint.exit()).as("redocly lint:%n%s", lint.output()).isZero();
    assertThat(lint.output()).contains("Woohoo! Your API description is valid.");

    Result patterns =
        run(List.of("node", CONFIG.resolve("check-patterns.mjs").toString(), json.toString()));
    assertThat(patterns.exit()).as("patterns:%n%s", patterns.output()).isZero();
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
