package org.moodlemigrate.connect;

/** The two sides of a migration. The source is always MySQL-family, the target PostgreSQL. */
public enum DatabaseKind {
  /** MySQL or MariaDB, read through MySQL Connector/J. */
  MYSQL(3306, "jdbc:mysql://"),
  /** PostgreSQL, written through pgjdbc. */
  POSTGRESQL(5432, "jdbc:postgresql://");

  private final int defaultPort;
  private final String jdbcPrefix;

  DatabaseKind(int defaultPort, String jdbcPrefix) {
    this.defaultPort = defaultPort;
    this.jdbcPrefix = jdbcPrefix;
  }

  public int defaultPort() {
    return defaultPort;
  }

  public String jdbcPrefix() {
    return jdbcPrefix;
  }
}
