package org.moodlemigrate.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.moodlemigrate.embedded.EmbeddedMariaDb;
import org.moodlemigrate.embedded.JdbcUrls;

/** A MySQL or MariaDB server reached as {@code root} with an empty password. */
final class MySqlTestServer extends TestServer {

  static final ServerAddress DEFAULT_LOCAL = new ServerAddress("127.0.0.1", 3306);
  private static final String USER = "root";
  private static final String PASSWORD = "";
  private static final String CONNECT_TIMEOUT_MILLIS = "2000";
  private static final int UNKNOWN_THREAD = 1094;

  private MySqlTestServer(String host, int port, String description) {
    super(host, port, description);
  }

  /**
   * Connects once to the server at {@code address}; throws if it cannot be reached or logged into.
   */
  static MySqlTestServer probe(ServerAddress address) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    properties.setProperty("connectTimeout", CONNECT_TIMEOUT_MILLIS);
    String url = JdbcUrls.mysql(address.host(), address.port(), "");
    try (Connection connection = DriverManager.getConnection(url, properties)) {
      // MariaDB prefixes its version with "5.5.5-" for the sake of old MySQL clients.
      String version =
          connection.getMetaData().getDatabaseProductVersion().replaceFirst("^5\\.5\\.5-", "");
      return new MySqlTestServer(
          address.host(), address.port(), "local server " + version + " at " + address);
    }
  }

  /** Starts an {@link EmbeddedMariaDb}; its own shutdown hook stops it when the JVM exits. */
  static MySqlTestServer embedded() throws IOException {
    EmbeddedMariaDb server = EmbeddedMariaDb.start();
    return new MySqlTestServer(
        server.host(), server.port(), "embedded MariaDB at " + server.host() + ":" + server.port());
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public String password() {
    return PASSWORD;
  }

  @Override
  public String jdbcUrl(String database) {
    return JdbcUrls.mysql(host(), port(), database);
  }

  @Override
  public String uri(String database) {
    return "mysql://" + USER + "@" + host() + ":" + port() + "/" + database;
  }

  @Override
  String maintenanceDatabase() {
    return "";
  }

  /** utf8mb4 with Moodle's default collation, whatever the server's defaults are. */
  @Override
  String createDatabaseSql(String name) {
    return "CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
  }

  /**
   * Kills other sessions on the database first: one left in a transaction by a failed test would
   * hold a metadata lock and make {@code DROP DATABASE} wait for {@code lock_wait_timeout} (a day).
   */
  @Override
  void dropDatabase(String name) throws SQLException {
    try (Connection connection = connect(maintenanceDatabase());
        Statement statement = connection.createStatement()) {
      for (long session : otherSessions(connection, name)) {
        kill(statement, session);
      }
      statement.execute("DROP DATABASE IF EXISTS " + quote(name));
    }
  }

  private static List<Long> otherSessions(Connection connection, String database)
      throws SQLException {
    List<Long> sessions = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <>"
                + " CONNECTION_ID()")) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          sessions.add(rows.getLong(1));
        }
      }
    }
    return sessions;
  }

  private static void kill(Statement statement, long session) throws SQLException {
    try {
      statement.execute("KILL CONNECTION " + session);
    } catch (SQLException e) {
      if (e.getErrorCode() != UNKNOWN_THREAD) {
        throw e;
      }
    }
  }

  private static String quote(String identifier) {
    return DSL.using(SQLDialect.MYSQL).render(DSL.quotedName(identifier));
  }
}
