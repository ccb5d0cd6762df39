package org.moodlemigrate.embedded;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * JDBC URLs for the two sides, with the driver settings this tool depends on spelled out once.
 *
 * <p>MySQL Connector/J is told {@code tinyInt1isBit=false} because Moodle's {@code tinyint(1)}
 * columns are numbers (they hold 2, -1, 127), not booleans; {@code allowPublicKeyRetrieval=true} so
 * that MySQL 8's default {@code caching_sha2_password} works without TLS; {@code sslMode=DISABLED}
 * (the successor of {@code useSSL=false}) because the embedded and local test servers have no
 * certificates; and {@code characterEncoding=UTF-8}, which Connector/J maps to {@code utf8mb4}.
 */
public final class JdbcUrls {

  private static final String MYSQL_OPTIONS =
      "?tinyInt1isBit=false&allowPublicKeyRetrieval=true&sslMode=DISABLED&characterEncoding=";

  private JdbcUrls() {}

  /** A Connector/J URL; an empty {@code database} connects without selecting one. */
  public static String mysql(String host, int port, String database) {
    return mysql(host, port, database, StandardCharsets.UTF_8);
  }

  /**
   * A Connector/J URL whose strings travel in {@code encoding}. With ISO-8859-1 every char 0-255 is
   * sent as that very byte, which is how a dump file read as ISO-8859-1 reaches the server
   * unchanged, binary literals included, just as the {@code mysql} client sends it.
   */
  public static String mysql(String host, int port, String database, Charset encoding) {
    return "jdbc:mysql://"
        + host
        + ":"
        + port
        + "/"
        + encode(database)
        + MYSQL_OPTIONS
        + encoding.name();
  }

  /** A pgjdbc URL; credentials are passed to the driver separately. */
  public static String postgresql(String host, int port, String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + encode(database);
  }

  private static String encode(String database) {
    return URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
