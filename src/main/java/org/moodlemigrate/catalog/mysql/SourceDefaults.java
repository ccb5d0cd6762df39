package org.moodlemigrate.catalog.mysql;

import java.util.Locale;
import java.util.regex.Pattern;
import org.moodlemigrate.catalog.ColumnType;
import org.moodlemigrate.catalog.ServerInfo;
import org.moodlemigrate.catalog.SourceDefault;

/**
 * Normalises {@code COLUMN_DEFAULT}, which MySQL and MariaDB report in different dialects.
 *
 * <p>MariaDB 10.2.7 and later: SQL text. {@code NULL} (the word) is a NULL default, {@code 'x'} a
 * quoted string literal, a bare number a numeric literal, anything else an expression such as
 * {@code current_timestamp()}; SQL NULL means no default at all. MySQL: the raw value, SQL NULL for
 * both "no default" and "default NULL" (told apart by nullability), and {@code DEFAULT_GENERATED}
 * in {@code EXTRA} for expressions ({@code CURRENT_TIMESTAMP} in 5.7 without the flag).
 */
final class SourceDefaults {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private SourceDefaults() {}

  static SourceDefault normalise(
      String raw, boolean nullable, String extra, ColumnType type, ServerInfo server) {
    if (server.isMariaDb() && !(server.major() == 10 && server.minor() < 2)) {
      return mariaDb(raw);
    }
    return mysql(raw, nullable, extra);
  }

  private static SourceDefault mariaDb(String raw) {
    if (raw == null) {
      return SourceDefault.NONE_DEFAULT;
    }
    if (raw.equals("NULL")) {
      return SourceDefault.NULL_DEFAULT;
    }
    if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
      return SourceDefault.literal(unquote(raw.substring(1, raw.length() - 1)));
    }
    if (NUMBER.matcher(raw).matches()) {
      return SourceDefault.literal(raw);
    }
    return SourceDefault.expression(raw);
  }

  private static SourceDefault mysql(String raw, boolean nullable, String extra) {
    if (raw == null) {
      return nullable ? SourceDefault.NULL_DEFAULT : SourceDefault.NONE_DEFAULT;
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    if (extra.contains("default_generated") || lower.startsWith("current_timestamp")) {
      return SourceDefault.expression(raw);
    }
    return SourceDefault.literal(raw);
  }

  /** Undoes MariaDB's literal escaping: {@code ''} and backslash escapes. */
  private static String unquote(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
        out.append('\'');
        i++;
      } else if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case '0' -> '\0';
              case 'Z' -> (char) 26;
              default -> n;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
