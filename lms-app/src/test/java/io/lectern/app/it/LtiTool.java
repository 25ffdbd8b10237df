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
import java.util.concurrent.TimeUnit;

/**
 * The real LTI 1.3 tool of {@link LtiIT}: {@code src/test/lti-tool/tool.js} on ltijs and its
 * PostgreSQL storage plugin (database lti_tool of the IT PostgreSQL), installed with npm into
 * target/lti-tool and started as a Node.js process. Needs node and npm: CI (env CI) fails without
 * them, a developer machine without them skips.
 */
final class LtiTool implements AutoCloseable {

  private static final Path SOURCES = Path.of("src/test/lti-tool");
  private static final Path WORK = Path.of("target/lti-tool");

  private final Process process;
  final String base;

  private LtiTool(Process process, int port) {
    this.process = process;
    this.base = "http://127.0.0.1:" + port;
  }

  static LtiTool start(int port) throws Exception {
    boolean tools = available("node") && available("npm");
    if (System.getenv("CI") != null) {
      assertThat(tools).as("CI needs node and npm (Debian packages nodejs and npm)").isTrue();
    }
    assumeThat(tools).as("node/npm not installed: LTI IT skipped").isTrue();
    Files.createDirectories(WORK);
    for (String file : List.of("package.json", "tool.js")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/ltijs-sequelize"))) {
      Process install =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
              .directory(WORK.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(install.waitFor(5, TimeUnit.MINUTES)).as("npm install finished").isTrue();
      assertThat(install.exitValue()).as("npm install:%n%s", output).isZero();
    }
    String dbUrl = System.getProperty("lms.test.db-url");
    String dbPort = dbUrl.replaceAll("^.*://[^:/]+:(\\d+)/.*$", "$1");
    createDatabase(dbUrl.replace("/lms", "/postgres"));
    ProcessBuilder start = new ProcessBuilder("node", "tool.js").directory(WORK.toFile());
    start.environment().put("PORT", Integer.toString(port));
    start.environment().put("DB_PORT", dbPort);
    start.redirectErrorStream(true);
    Process process = start.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("listening ")) {
      seen.append(line).append('\n');
    }
    assertThat(line).as("the tool's start; it printed:%n%s", seen).isNotNull();
    Thread drain =
        new Thread(
            () -> {
              try {
                String l;
                while ((l = out.readLine()) != null) {
                  System.out.println("[lti-tool] " + l);
                }
              } catch (IOException ignored) {
                // the tool stopped
              }
            });
    drain.setDaemon(true);
    drain.start();
    return new LtiTool(process, port);
  }

  /**
   * The tool's own database on the IT's PostgreSQL (ltijs-sequelize's migrations name schema public
   * outright, so a schema of the lms database will not do), made by the embedded server's
   * superuser, which trusts local connections.
   */
  private static void createDatabase(String postgresUrl) throws java.sql.SQLException {
    try (var connection = java.sql.DriverManager.getConnection(postgresUrl, "postgres", "");
        var sql = connection.createStatement();
        var found = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'lti_tool'")) {
      if (!found.next()) {
        sql.execute("CREATE DATABASE lti_tool OWNER lms");
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
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
}
