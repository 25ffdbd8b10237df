package io.lectern.app.it;

import java.util.List;
import java.util.Map;

/**
 * The real LTI 1.3 tool of {@link LtiIT}: {@code src/test/lti-tool/tool.js} on ltijs and its
 * PostgreSQL storage plugin (database lti_tool of the IT PostgreSQL), installed with npm into
 * target/lti-tool and started as a Node.js process. Needs node and npm: CI (env CI) fails without
 * them, a developer machine without them skips.
 */
final class LtiTool implements AutoCloseable {

  private final NodeApp app;
  final String base;

  private LtiTool(NodeApp app) {
    this.app = app;
    this.base = "http://127.0.0.1:" + app.port;
  }

  static LtiTool start(int port) throws Exception {
    NodeApp.requireTools("the LTI IT", "node", "npm");
    String dbUrl = System.getProperty("lms.test.db-url");
    String dbPort = dbUrl.replaceAll("^.*://[^:/]+:(\\d+)/.*$", "$1");
    createDatabase(dbUrl.replace("/lms", "/postgres"));
    return new LtiTool(
        NodeApp.start(
            "lti-tool",
            List.of("package.json", "tool.js"),
            "tool.js",
            "ltijs-sequelize",
            Map.of("PORT", Integer.toString(port), "DB_PORT", dbPort),
            true));
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
    app.close();
  }
}
