package org.moodlemigrate.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.moodlemigrate.embedded.JdbcUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@code mysqldump} / {@code mariadb-dump} file (plain or gzip) into a database over JDBC,
 * for machines where only an embedded server and no {@code mysql} client is at hand.
 *
 * <p>It behaves like {@code mysql DB < dump.sql}: statements go one by one, in the dump's order,
 * over one connection in autocommit mode, and the first error stops the load. Turning autocommit
 * off gains nothing (measured on the Moodle fixture): DDL and {@code UNLOCK TABLES} commit anyway,
 * and each extended {@code INSERT} already carries many rows. On the fixture it is as fast as the
 * client. The file is read as ISO-8859-1 and sent through a connection that encodes strings as
 * ISO-8859-1, so each byte of the file reaches the server unchanged and the dump's own {@code SET
 * NAMES} decides how the server reads it, exactly as with the client; binary literals survive too.
 * Before the dump starts the connection says {@code SET NAMES utf8mb4}, the default of {@code
 * mysqldump}.
 */
public final class MySqlDumpLoader {

  private static final Logger LOG = LoggerFactory.getLogger(MySqlDumpLoader.class);

  private MySqlDumpLoader() {}

  /**
   * Executes every statement of {@code dump} in {@code database}.
   *
   * @return the number of statements executed
   * @throws SQLException for the first failing statement, naming the file and line it starts on
   */
  public static int load(Path dump, TestDatabase database) throws IOException, SQLException {
    long started = System.nanoTime();
    String url =
        JdbcUrls.mysql(
            database.host(), database.port(), database.name(), StandardCharsets.ISO_8859_1);
    int executed = 0;
    try (Reader script = DumpFiles.open(dump, StandardCharsets.ISO_8859_1);
        Connection connection =
            DriverManager.getConnection(url, database.user(), database.password());
        Statement statement = connection.createStatement()) {
      statement.execute("SET NAMES utf8mb4");
      MySqlStatementSplitter splitter = new MySqlStatementSplitter(script);
      for (SqlStatement next = splitter.next(); next != null; next = splitter.next()) {
        execute(statement, next, dump);
        executed++;
      }
    }
    LOG.info(
        "Loaded {} into {}: {} statements in {} ms",
        dump.getFileName(),
        database.name(),
        executed,
        (System.nanoTime() - started) / 1_000_000);
    return executed;
  }

  private static void execute(Statement statement, SqlStatement next, Path dump)
      throws SQLException {
    try {
      statement.execute(next.sql());
    } catch (SQLException e) {
      throw new SQLException(
          dump + ", line " + next.line() + ": " + e.getMessage() + "\n  in: " + next.excerpt(),
          e.getSQLState(),
          e.getErrorCode(),
          e);
    }
  }
}
