package org.moodlemigrate.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.moodlemigrate.embedded.EmbeddedPostgresServer;
import org.moodlemigrate.embedded.JdbcUrls;

/** A PostgreSQL server reached as {@code postgres} without a password (trust authentication). */
final class PostgresTestServer extends TestServer {

  static final ServerAddress DEFAULT_LOCAL = new ServerAddress("127.0.0.1", 5432);
  private static final String USER = "postgres";
  private static final String PASSWORD = "";
  private static final String CONNECT_TIMEOUT_SECONDS = "2";
  private static final int FIRST_VERSION_WITH_DROP_FORCE = 13;

  private PostgresTestServer(String host, int port, String description) {
    super(host, port, description);
  }

  /**
   * Connects once to the server at {@code address}; throws if it cannot be reached or logged into.
   */
  static PostgresTestServer probe(ServerAddress address) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    properties.setProperty("loginTimeout", CONNECT_TIMEOUT_SECONDS);
    String url = JdbcUrls.postgresql(address.host(), address.port(), "postgres");
    try (Connection connection = DriverManager.getConnection(url, properties)) {
      String version = connection.getMetaData().getDatabaseProductVersion();
      return new PostgresTestServer(
          address.host(), address.port(), "local PostgreSQL " + version + " at " + address);
    }
  }

  /**
   * Starts an {@link EmbeddedPostgresServer}; its own shutdown hook stops it when the JVM exits.
   */
  static PostgresTestServer embedded() throws IOException {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
    return new PostgresTestServer(
        server.host(),
        server.port(),
        "embedded PostgreSQL at " + server.host() + ":" + server.port());
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
    return JdbcUrls.postgresql(host(), port(), database);
  }

  @Override
  public String uri(String database) {
    return "postgresql://" + USER + "@" + host() + ":" + port() + "/" + database;
  }

  @Override
  String maintenanceDatabase() {
    return "postgres";
  }

  @Override
  String createDatabaseSql(String name) {
    return "CREATE DATABASE " + quote(name);
  }

  /**
   * Terminates other sessions first, since PostgreSQL refuses to drop a database in use; from
   * PostgreSQL 13 on, {@code WITH (FORCE)} also covers sessions that connect in between.
   */
  @Override
  void dropDatabase(String name) throws SQLException {
    try (Connection connection = connect(maintenanceDatabase())) {
      try (PreparedStatement terminate =
          connection.prepareStatement(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <>"
                  + " pg_backend_pid()")) {
        terminate.setString(1, name);
        terminate.execute();
      }
      boolean force =
          connection.getMetaData().getDatabaseMajorVersion() >= FIRST_VERSION_WITH_DROP_FORCE;
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "DROP DATABASE IF EXISTS " + quote(name) + (force ? " WITH (FORCE)" : ""));
      }
    }
  }

  private static String quote(String identifier) {
    return DSL.using(SQLDialect.POSTGRES).render(DSL.quotedName(identifier));
  }
}
