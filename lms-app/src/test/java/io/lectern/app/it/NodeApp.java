package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real third-party implementation the integration tests talk to, run as a Node.js program: its
 * sources ({@code src/test/<folder>}) are copied to {@code target/<folder>}, its npm packages
 * installed there once, and the program started; it prints {@code listening <port>} when ready.
 * Needs node and npm: under CI (env {@code CI}) a missing tool fails the test, elsewhere it skips.
 */
final class NodeApp implements AutoCloseable {

  private final Process process;
  final int port;

  private NodeApp(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code script} of {@code folder} with {@code environment}, after installing its packages
   * unless {@code installed} (a path under node_modules) is already there. Its output after the
   * start is echoed with {@code folder} as prefix when {@code echo}, else dropped.
   */
  static NodeApp start(
      String folder,
      List<String> files,
      String script,
      String installed,
      Map<String, String> environment,
      boolean echo)
      throws Exception {
    requireTools(folder, "node", "npm");
    Path sources = Path.of("src/test", folder);
    Path work = Path.of("target", folder);
    Files.createDirectories(work);
    for (String file : files) {
      Files.copy(sources.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(work.resolve("node_modules").resolve(installed))) {
      Process install =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
              .directory(work.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(install.waitFor(5, TimeUnit.MINUTES)).as("npm install finished").isTrue();
      assertThat(install.exitValue()).as("npm install:%n%s", output).isZero();
    }
    ProcessBuilder start = new ProcessBuilder("node", script).directory(work.toFile());
    start.environment().putAll(environment);
    start.redirectErrorStream(true);
    Process process = start.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("listening ")) {
      seen.append(line).append('\n');
    }
    assertThat(line).as("the start of %s; it printed:%n%s", script, seen).isNotNull();
    int port = Integer.parseInt(line.substring("listening ".length()).strip());
    drain(out, echo ? "[" + folder + "] " : null);
    return new NodeApp(process, port);
  }

  /** Fails under CI, skips elsewhere, when one of the command-line tools is missing. */
  static void requireTools(String what, String... tools) {
    boolean present = true;
    for (String tool : tools) {
      present &= available(tool);
    }
    if (System.getenv("CI") != null) {
      assertThat(present)
          .as("CI needs %s (Debian packages nodejs and npm) for %s", String.join(", ", tools), what)
          .isTrue();
    }
    assumeThat(present).as("%s not installed: %s skipped", String.join("/", tools), what).isTrue();
  }

  /** Keeps the pipe empty so that the program never blocks on a full one. */
  private static void drain(BufferedReader out, String echoPrefix) {
    Thread drain =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  if (echoPrefix != null) {
                    System.out.println(echoPrefix + line);
                  }
                }
              } catch (IOException ignored) {
                // the program stopped
              }
            });
    drain.setDaemon(true);
    drain.start();
  }

  private static boolean available(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
