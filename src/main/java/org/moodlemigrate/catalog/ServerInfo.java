package org.moodlemigrate.catalog;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Product and version of a server, from {@code SELECT VERSION()} / {@code server_version_num}.
 *
 * @param product {@code MySQL}, {@code MariaDB} or {@code PostgreSQL}
 * @param version the full version string as the server reports it
 * @param major the major version number
 * @param minor the minor version number
 */
public record ServerInfo(String product, String version, int major, int minor)
    implements Serializable {
  private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)");

  /** Reads a MySQL-family {@code VERSION()} string such as {@code 10.11.19-MariaDB-0+deb12u1}. */
  public static ServerInfo ofMysqlVersion(String version) {
    String product =
        version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? "MariaDB" : "MySQL";
    Matcher m = NUMBERS.matcher(version);
    int major = 0;
    int minor = 0;
    if (m.find()) {
      major = Integer.parseInt(m.group(1));
      minor = Integer.parseInt(m.group(2));
    }
    return new ServerInfo(product, version, major, minor);
  }

  public boolean isMariaDb() {
    return product.equals("MariaDB");
  }

  @Override
  public String toString() {
    return product + " " + version;
  }
}
