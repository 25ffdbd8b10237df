package io.lectern.app.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the integration-test database directly, to check what a call really stored. */
public final class Db {

  private static final String URL = System.getProperty("lms.test.db-url");

  private Db() {}

  public static List<Map<String, Object>> rows(String sql, Object... params) {
    try (Connection connection = DriverManager.getConnection(URL, "lms", "lms");
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        List<Map<String, Object>> result = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= columns; c++) {
            row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
          }
          result.add(row);
        }
        return result;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a statement that returns no rows (DDL, or a write without RETURNING). */
  public static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(URL, "lms", "lms");
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connection of the test's own, for a transaction it holds open across API calls. */
  public static Connection connect() {
    try {
      return DriverManager.getConnection(URL, "lms", "lms");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, Object> row(String sql, Object... params) {
    List<Map<String, Object>> rows = rows(sql, params);
    if (rows.size() != 1) {
      throw new AssertionError("expected one row but got " + rows.size() + " for " + sql);
    }
    return rows.get(0);
  }

  public static long count(String sql, Object... params) {
    return ((Number) row(sql, params).values().iterator().next()).longValue();
  }
}
