package org.moodlemigrate.ddl;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.moodlemigrate.catalog.PostgresType;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceDefault;
import org.moodlemigrate.sql.Identifiers;

/**
 * Turns a MySQL column default into a PostgreSQL default expression, the way Moodle's own
 * PostgreSQL generator writes them: numbers bare ({@code 0}, {@code -1}, {@code 100}), strings as
 * literals (PostgreSQL shows them as {@code ''::character varying}), no default at all for {@code
 * DEFAULT NULL} (never {@code NULL::type}, which Moodle's schema check reports).
 *
 * <p>MySQL keeps a {@code decimal} default at the column's scale ({@code 100.00000}) where Moodle's
 * installer writes the literal of {@code install.xml} ({@code 100}): trailing zeros are dropped,
 * which gives Moodle's text in nearly every case and the same value in all. A default this class
 * cannot carry exactly (a zero date, an expression PostgreSQL has no equivalent for) is left out
 * with a warning that names the column, rather than guessed.
 */
public final class DefaultTranslator {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern BIT_LITERAL = Pattern.compile("[bB]'([01]*)'");

  private DefaultTranslator() {}

  /**
   * @param sql the default expression for PostgreSQL, null for none
   * @param warning why a source default was not carried, null when nothing was lost
   */
  public record Translation(String sql, String warning) {
    static Translation none() {
      return new Translation(null, null);
    }

    static Translation lost(String warning) {
      return new Translation(null, warning);
    }
  }

  public static Translation translate(String table, SourceColumn column, PostgresType type) {
    SourceDefault d = column.defaultValue();
    String where = table + "." + column.name();
    return switch (d.kind()) {
      case NONE, NULL -> Translation.none();
      case LITERAL -> literal(where, column, type, d.value());
      case EXPRESSION -> expression(where, type, d.value());
    };
  }

  private static Translation literal(
      String where, SourceColumn column, PostgresType type, String value) {
    switch (type.base()) {
      case "smallint", "integer", "bigint", "real", "double precision", "numeric" -> {
        if (!NUMBER.matcher(value).matches()) {
          return Translation.lost(
              "default '" + value + "' of " + where + " is not a number; left out");
        }
        String number = value.startsWith("+") ? value.substring(1) : value;
        if (column.dataType().equals("decimal") || column.dataType().equals("numeric")) {
          BigDecimal stripped = new BigDecimal(number).stripTrailingZeros();
          number = stripped.signum() == 0 ? "0" : stripped.toPlainString();
        }
        return new Translation(number, null);
      }
      case "bit", "varbit" -> {
        var m = BIT_LITERAL.matcher(value);
        String bits = m.matches() ? m.group(1) : null;
        if (bits == null) {
          return Translation.lost(
              "default " + value + " of " + where + " is not a bit literal; left out");
        }
        int width = type.typmod() > 0 ? type.typmod() : bits.length();
        String padded =
            bits.length() >= width
                ? bits.substring(bits.length() - width)
                : "0".repeat(width - bits.length()) + bits;
        return new Translation("B'" + padded + "'", null);
      }
      case "date", "timestamp", "timestamptz" -> {
        if (value.startsWith("0000-00-00") || value.matches("\\d{4}-00-.*|\\d{4}-\\d{2}-00.*")) {
          return Translation.lost(
              "zero-date default '"
                  + value
                  + "' of "
                  + where
                  + " has no PostgreSQL equivalent; left out");
        }
        return new Translation(
            Identifiers.postgresLiteral(type.base().equals("timestamptz") ? value + "+00" : value),
            null);
      }
      case "bytea" -> {
        return new Translation(
            Identifiers.postgresLiteral(
                    "\\x" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)))
                + "::bytea",
            null);
      }
      default -> {
        return new Translation(Identifiers.postgresLiteral(value), null);
      }
    }
  }

  private static Translation expression(String where, PostgresType type, String value) {
    String e = value.toLowerCase(Locale.ROOT).replace(" ", "");
    boolean now = e.matches("(current_timestamp|now|localtimestamp|localtime)(\\(\\d*\\))?");
    if (now && type.base().equals("timestamptz")) {
      return new Translation("CURRENT_TIMESTAMP", null);
    }
    if (now && type.base().equals("timestamp")) {
      return new Translation("LOCALTIMESTAMP", null);
    }
    if (e.matches("(curdate|current_date)(\\(\\))?") && type.base().equals("date")) {
      return new Translation("CURRENT_DATE", null);
    }
    return Translation.lost(
        "default expression "
            + value
            + " of "
            + where
            + " has no PostgreSQL translation; left out");
  }
}
