package org.moodlemigrate.demo;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Builds the demo site into two existing, empty databases, for the benchmark ({@code bench/}) — not
 * a user command. Arguments: a MySQL JDBC URL, a PostgreSQL JDBC URL, the scale. Users name and
 * passwords go in the URLs; this is for throwaway benchmark databases only.
 */
public final class DemoSiteMain {
  private DemoSiteMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: DemoSiteMain MYSQL_JDBC_URL POSTGRESQL_JDBC_URL SCALE");
      System.exit(2);
    }
    int scale = Integer.parseInt(args[2]);
    try (Connection mysql = DriverManager.getConnection(args[0])) {
      DemoSite.createSource(mysql, scale);
    }
    try (Connection postgres = DriverManager.getConnection(args[1])) {
      DemoSite.createTarget(postgres);
    }
  }
}
