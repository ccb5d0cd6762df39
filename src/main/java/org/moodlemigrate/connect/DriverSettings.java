package org.moodlemigrate.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Driver parameters the migration depends on for correctness, applied over whatever the user put in
 * the URI.
 *
 * <p>Each entry is here for a reason that a user-supplied value would break:
 *
 * <ul>
 *   <li>{@code tinyInt1isBit=false}, {@code transformedBitIsBoolean=false}: Connector/J otherwise
 *       reports {@code tinyint(1)} as BIT/Boolean and a stored 2 reads as {@code true}. Moodle
 *       keeps 0, 1, 2, -1 and 127 in such columns.
 *   <li>{@code useServerPrepStmts=false}, {@code useCursorFetch=false}: the text protocol with a
 *       streaming result set ({@code fetchSize = Integer.MIN_VALUE}) is what keeps memory flat on a
 *       100 GB table; cursor fetch would materialise a temporary table on the server.
 *   <li>{@code yearIsDateType=false}: {@code YEAR} stays a number.
 *   <li>{@code characterEncoding=UTF-8}: results arrive as utf8mb4, whatever the column charset, so
 *       4-byte characters (emoji) survive; the server converts legacy charsets.
 *   <li>{@code connectionTimeZone=UTC}, {@code forceConnectionTimeZoneToSession=true}: TIMESTAMP
 *       values are read as UTC wall-clock values whatever the server's or the JVM's zone.
 *   <li>{@code allowPublicKeyRetrieval=true}: MySQL 8's default {@code caching_sha2_password} needs
 *       the server's RSA key on a non-TLS connection; without it the first login fails. Users who
 *       require TLS set {@code sslMode=VERIFY_IDENTITY} in the URI, which makes the key exchange
 *       happen inside TLS.
 * </ul>
 *
 * <p>On PostgreSQL the tool only names itself ({@code ApplicationName}) so that an administrator
 * sees its sessions in {@code pg_stat_activity}.
 */
public final class DriverSettings {
  private DriverSettings() {}

  /** Parameters that always win over user-supplied ones. */
  public static Map<String, String> enforced(DatabaseKind kind) {
    Map<String, String> p = new LinkedHashMap<>();
    if (kind == DatabaseKind.MYSQL) {
      p.put("tinyInt1isBit", "false");
      p.put("transformedBitIsBoolean", "false");
      p.put("useServerPrepStmts", "false");
      p.put("useCursorFetch", "false");
      p.put("yearIsDateType", "false");
      p.put("characterEncoding", "UTF-8");
      p.put("connectionTimeZone", "UTC");
      p.put("forceConnectionTimeZoneToSession", "true");
    } else {
      p.put("ApplicationName", "moodle-migrate");
    }
    return p;
  }

  /** Parameters used unless the user chose otherwise. */
  public static Map<String, String> defaults(DatabaseKind kind) {
    Map<String, String> p = new LinkedHashMap<>();
    if (kind == DatabaseKind.MYSQL) {
      p.put("allowPublicKeyRetrieval", "true");
      p.put("connectTimeout", "30000");
    } else {
      p.put("connectTimeout", "30");
    }
    return p;
  }
}
