package org.moodlemigrate.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL column type as a create rule names it ({@code numeric(10,5)}, {@code varchar(255)},
 * {@code timestamp(6) with time zone}), with the two readings the rest of the tool needs: the
 * canonical base type the value cast rules match on ({@code numeric}, {@code varchar}, {@code
 * timestamptz}) and the type modifier PostgreSQL would store ({@code atttypmod}), from which
 * lengths and precisions are read.
 *
 * <p>Only plain type names with up to two numeric arguments are accepted: a create rule's type is
 * written verbatim into DDL, so anything else (a stray parenthesis, a semicolon) is refused when
 * the rules are loaded.
 *
 * @param sql the type as written into DDL, normalised to lower case
 * @param base the canonical base type
 * @param typmod the type modifier, -1 when none
 */
public record PostgresType(String sql, String base, int typmod) implements java.io.Serializable {
  private static final Pattern SHAPE =
      Pattern.compile(
          "([a-z][a-z"
              + " ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?((?:\\s+with(?:out)?\\s+time\\s+zone)?)");

  private static final Map<String, String> BASES =
      Map.ofEntries(
          Map.entry("smallint", "smallint"),
          Map.entry("int2", "smallint"),
          Map.entry("integer", "integer"),
          Map.entry("int", "integer"),
          Map.entry("int4", "integer"),
          Map.entry("bigint", "bigint"),
          Map.entry("int8", "bigint"),
          Map.entry("numeric", "numeric"),
          Map.entry("decimal", "numeric"),
          Map.entry("real", "real"),
          Map.entry("float4", "real"),
          Map.entry("double precision", "double precision"),
          Map.entry("float8", "double precision"),
          Map.entry("boolean", "boolean"),
          Map.entry("varchar", "varchar"),
          Map.entry("character varying", "varchar"),
          Map.entry("char", "char"),
          Map.entry("character", "char"),
          Map.entry("text", "text"),
          Map.entry("bytea", "bytea"),
          Map.entry("json", "json"),
          Map.entry("jsonb", "jsonb"),
          Map.entry("date", "date"),
          Map.entry("timestamp", "timestamp"),
          Map.entry("timestamptz", "timestamptz"),
          Map.entry("time", "time"),
          Map.entry("interval", "interval"),
          Map.entry("bit", "bit"),
          Map.entry("varbit", "varbit"),
          Map.entry("bit varying", "varbit"),
          Map.entry("uuid", "uuid"),
          Map.entry("inet", "inet"));

  /**
   * Parses a type name.
   *
   * @throws IllegalArgumentException when it is not a known type of the accepted shape
   */
  public static PostgresType parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    Matcher m = SHAPE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a PostgreSQL type this tool can create");
    }
    String name = m.group(1).strip();
    boolean withZone = m.group(4).contains("with time zone");
    String base = BASES.get(name);
    if (base == null) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a PostgreSQL type this tool can create");
    }
    if (base.equals("timestamp") && withZone) {
      base = "timestamptz";
    }
    Integer a = m.group(2) == null ? null : Integer.valueOf(m.group(2));
    Integer b = m.group(3) == null ? null : Integer.valueOf(m.group(3));
    int typmod = -1;
    if (a != null) {
      typmod =
          switch (base) {
            case "varchar", "char" -> a + 4;
            case "numeric" -> ((a << 16) | (b == null ? 0 : b)) + 4;
            case "bit", "varbit", "timestamp", "timestamptz", "time", "interval" -> a;
            default ->
                throw new IllegalArgumentException(
                    "'" + text + "': " + name + " takes no arguments");
          };
      if (b != null && !base.equals("numeric")) {
        throw new IllegalArgumentException("'" + text + "': " + name + " takes one argument");
      }
    }
    return new PostgresType(t, base, typmod);
  }

  /** How {@code format_type()} would show it, for messages. */
  public String formatted() {
    return switch (base) {
      case "varchar" ->
          typmod < 0 ? "character varying" : "character varying(" + (typmod - 4) + ")";
      case "timestamp" ->
          typmod < 0
              ? "timestamp without time zone"
              : "timestamp(" + typmod + ") without time zone";
      case "timestamptz" ->
          typmod < 0 ? "timestamp with time zone" : "timestamp(" + typmod + ") with time zone";
      default -> sql;
    };
  }
}
