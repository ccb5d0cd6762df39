package org.moodlemigrate.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A running database server that tests create their databases on, local or embedded; get one from
 * {@link TestServers}. Tests never use the server's existing databases, only ones made by {@link
 * #createDatabase(String)}.
 */
public abstract class TestServer {

  private final String host;
  private final int port;
  private final String description;

  TestServer(String host, int port, String description) {
    this.host = host;
    this.port = port;
    this.description = description;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The superuser the tests connect as. */
  public abstract String user();

  public abstract String password();

  /** A JDBC URL for {@code database} with the driver settings the tool uses. */
  public abstract String jdbcUrl(String database);

  /** The tool's own URI for {@code database}, e.g. {@code mysql://root@127.0.0.1:3306/db}. */
  public abstract String uri(String database);

  /** A new superuser connection to {@code database}; the caller closes it. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user(), password());
  }

  /**
   * Creates an empty database with a unique name made from {@code label} (see {@link
   * DatabaseNames}); closing the returned handle drops it.
   */
  public TestDatabase createDatabase(String label) throws SQLException {
    String name = DatabaseNames.unique(label);
    try (Connection connection = connect(maintenanceDatabase());
        Statement statement = connection.createStatement()) {
      statement.execute(createDatabaseSql(name));
    }
    return new TestDatabase(this, name);
  }

  /** The database to connect to when creating or dropping others. */
  abstract String maintenanceDatabase();

  abstract String createDatabaseSql(String name);

  /** Drops {@code name} if it exists, disconnecting whoever still uses it. */
  abstract void dropDatabase(String name) throws SQLException;

  /** For example "local MariaDB 10.11.19 at 127.0.0.1:3306". */
  @Override
  public String toString() {
    return description;
  }
}
