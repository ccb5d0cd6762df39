package org.moodlemigrate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a migrated table with its source cell by cell, through the normalisation documented in
 * {@code docs/cast-rules.md} ("How values are compared"): each cell is read from both servers in a
 * form that is exact for its type, independently of the tool's own code, and turned into a
 * canonical string; the two strings must be equal.
 *
 * <ul>
 *   <li>integers, decimals, YEAR: the exact decimal number without trailing zeros;
 *   <li>FLOAT: the 32 bits of the stored value (read widened to double on the source, {@code col *
 *       1e0}, which is exact; narrowed back from the target, whether {@code real} or {@code double
 *       precision});
 *   <li>DOUBLE: the 64 bits;
 *   <li>text, ENUM, SET: the string, code point for code point;
 *   <li>JSON: the document with object keys sorted (semantic equality);
 *   <li>binary, spatial: the bytes;
 *   <li>DATE, DATETIME, TIMESTAMP: the wall-clock text with trailing fractional zeros dropped,
 *       {@code timestamptz} and TIMESTAMP both read in UTC;
 *   <li>TIME: the signed number of microseconds;
 *   <li>BIT: the unsigned number.
 * </ul>
 */
public final class CellComparison {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** How a column's cells are read and compared, chosen by the source type. */
  enum Domain {
    NUMBER,
    YEAR,
    FLOAT32,
    FLOAT64,
    TEXT,
    JSON,
    BYTES,
    DATE,
    TIMESTAMP,
    DURATION,
    BITS
  }

  private CellComparison() {}

  /**
   * The differences between source table {@code table} and target table {@code schema.table}, one
   * line per differing cell or missing row, rows matched by the single key column {@code key};
   * empty when every cell is equal.
   */
  public static List<String> differences(
      Connection mysql, Connection pg, String schema, String table, String key)
      throws SQLException {
    return differences(mysql, pg, schema, table, table, key);
  }

  /** As {@link #differences(Connection, Connection, String, String, String)}, names differing. */
  public static List<String> differences(
      Connection mysql,
      Connection pg,
      String schema,
      String sourceTable,
      String targetTable,
      String key)
      throws SQLException {
    Map<String, Domain> domains = sourceDomains(mysql, sourceTable);
    Map<String, String> targetTypes = targetTypes(pg, schema, targetTable);
    // MariaDB's JSON is longtext: compare as JSON where the target holds JSON.
    domains.replaceAll(
        (c, d) ->
            d == Domain.TEXT && String.valueOf(targetTypes.get(c)).startsWith("json")
                ? Domain.JSON
                : d);
    List<String> columns = new ArrayList<>(domains.keySet());
    Map<String, List<String>> source = readSource(mysql, sourceTable, key, columns, domains);
    Map<String, List<String>> target =
        readTarget(pg, schema, targetTable, key, columns, domains, targetTypes);
    List<String> out = new ArrayList<>();
    for (var e : source.entrySet()) {
      List<String> t = target.get(e.getKey());
      if (t == null) {
        out.add(sourceTable + " " + key + "=" + e.getKey() + ": missing from the target");
        continue;
      }
      for (int i = 0; i < columns.size(); i++) {
        if (!e.getValue().get(i).equals(t.get(i))) {
          out.add(
              sourceTable
                  + " "
                  + key
                  + "="
                  + e.getKey()
                  + " "
                  + columns.get(i)
                  + ": source "
                  + shorten(e.getValue().get(i))
                  + " target "
                  + shorten(t.get(i)));
        }
      }
    }
    for (String k : target.keySet()) {
      if (!source.containsKey(k)) {
        out.add(sourceTable + " " + key + "=" + k + ": in the target only");
      }
    }
    return out;
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + ")" : "<" + s + ">";
  }

  private static Map<String, Domain> sourceDomains(Connection mysql, String table)
      throws SQLException {
    Map<String, Domain> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        mysql.prepareStatement(
            "SELECT COLUMN_NAME, DATA_TYPE, EXTRA FROM information_schema.COLUMNS WHERE"
                + " TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String extra = rs.getString(3).toUpperCase(Locale.ROOT);
          if (extra.contains("VIRTUAL")
              || extra.contains("STORED")
              || extra.contains("PERSISTENT")) {
            continue; // generated: recomputed by the target, compared separately
          }
          out.put(rs.getString(1), domain(rs.getString(2).toLowerCase(Locale.ROOT)));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no source table " + table);
    }
    return out;
  }

  static Domain domain(String dataType) {
    return switch (dataType) {
      case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal" ->
          Domain.NUMBER;
      case "year" -> Domain.YEAR;
      case "float" -> Domain.FLOAT32;
      case "double", "real" -> Domain.FLOAT64;
      case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" ->
          Domain.TEXT;
      case "json" -> Domain.JSON;
      case "date" -> Domain.DATE;
      case "datetime", "timestamp" -> Domain.TIMESTAMP;
      case "time" -> Domain.DURATION;
      case "bit" -> Domain.BITS;
      default -> Domain.BYTES; // binary, varbinary, blobs, spatial
    };
  }

  private static Map<String, String> targetTypes(Connection pg, String schema, String table)
      throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (PreparedStatement ps =
        pg.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0"
                + " AND NOT a.attisdropped")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  private static Map<String, List<String>> readSource(
      Connection mysql, String table, String key, List<String> columns, Map<String, Domain> domains)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(my(key));
    for (String c : columns) {
      String q = my(c);
      sql.append(", ")
          .append(
              switch (domains.get(c)) {
                case FLOAT32 -> "(" + q + " * 1e0)";
                case BYTES -> "HEX(" + q + ")";
                case BITS, YEAR -> "CAST(" + q + " AS UNSIGNED)";
                case DATE, TIMESTAMP, DURATION -> "CAST(" + q + " AS CHAR)";
                default -> q;
              });
    }
    sql.append(" FROM ").append(my(table));
    Map<String, List<String>> rows = new TreeMap<>();
    try (Statement st = mysql.createStatement()) {
      st.execute("SET time_zone = '+00:00'");
      try (ResultSet rs = st.executeQuery(sql.toString())) {
        while (rs.next()) {
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < columns.size(); i++) {
            cells.add(canonical(domains.get(columns.get(i)), rs.getString(i + 2), false));
          }
          rows.put(rs.getString(1), cells);
        }
      }
    }
    return rows;
  }

  private static Map<String, List<String>> readTarget(
      Connection pg,
      String schema,
      String table,
      String key,
      List<String> columns,
      Map<String, Domain> domains,
      Map<String, String> types)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(pgq(key)).append("::text");
    for (String c : columns) {
      String type = types.get(c);
      if (type == null) {
        throw new IllegalArgumentException("no target column " + table + "." + c);
      }
      String q = pgq(c);
      sql.append(", ");
      if (type.equals("bytea")) {
        sql.append("encode(").append(q).append(", 'hex')");
      } else if (type.contains("with time zone")) {
        sql.append("to_char(").append(q).append(" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')");
      } else if (type.equals("interval")) {
        sql.append("(EXTRACT(EPOCH FROM ").append(q).append(") * 1000000)::numeric::text");
      } else if (type.equals("boolean")) {
        sql.append("(").append(q).append(")::int::text");
      } else if (type.startsWith("bit")) {
        sql.append("(").append(q).append(")::text");
      } else {
        sql.append(q).append("::text");
      }
    }
    sql.append(" FROM ").append(pgq(schema)).append('.').append(pgq(table));
    Map<String, List<String>> rows = new TreeMap<>();
    try (Statement st = pg.createStatement()) {
      st.execute("SET extra_float_digits = 3");
      try (ResultSet rs = st.executeQuery(sql.toString())) {
        while (rs.next()) {
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            String value = rs.getString(i + 2);
            if (value != null && domains.get(c) == Domain.BITS && types.get(c).startsWith("bit")) {
              value = new BigInteger(value.isEmpty() ? "0" : value, 2).toString();
            }
            cells.add(canonical(domains.get(c), value, true));
          }
          rows.put(rs.getString(1), cells);
        }
      }
    }
    return rows;
  }

  /** The canonical form of one cell read from either side. */
  static String canonical(Domain domain, String value, boolean target) {
    if (value == null) {
      return "NULL";
    }
    return switch (domain) {
      case NUMBER, BITS, YEAR -> new BigDecimal(value).stripTrailingZeros().toPlainString();
      case FLOAT32 ->
          "f32:" + Integer.toHexString(Float.floatToIntBits((float) Double.parseDouble(value)));
      case FLOAT64 -> "f64:" + Long.toHexString(Double.doubleToLongBits(Double.parseDouble(value)));
      case TEXT, DATE -> value;
      case JSON -> sortedJson(value);
      case BYTES -> value.toLowerCase(Locale.ROOT);
      case TIMESTAMP -> wallClock(value);
      case DURATION ->
          value.contains(":") // TIME text; an interval target is read as microseconds
              ? microseconds(value).toString()
              : new BigDecimal(value).stripTrailingZeros().toPlainString();
    };
  }

  /** {@code 2024-01-02 03:04:05.120000} and {@code 2024-01-02 03:04:05.12} both as the latter. */
  static String wallClock(String text) {
    String s = text;
    if (s.endsWith("+00")) {
      s = s.substring(0, s.length() - 3);
    }
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "");
      if (s.endsWith(".")) {
        s = s.substring(0, s.length() - 1);
      }
    }
    return s;
  }

  /** MySQL TIME text ({@code -838:59:59.5}) as signed microseconds. */
  static BigInteger microseconds(String time) {
    boolean negative = time.startsWith("-");
    String[] parts = (negative ? time.substring(1) : time).split(":");
    BigDecimal seconds =
        new BigDecimal(parts[0])
            .multiply(BigDecimal.valueOf(3600))
            .add(new BigDecimal(parts[1]).multiply(BigDecimal.valueOf(60)))
            .add(new BigDecimal(parts[2]));
    BigInteger micros = seconds.movePointRight(6).toBigIntegerExact();
    return negative ? micros.negate() : micros;
  }

  static String sortedJson(String text) {
    try {
      return sorted(JSON.readTree(text)).toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "invalid json: " + text;
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String n : names) {
        out.set(n, sorted(node.get(n)));
      }
      return out;
    }
    if (node.isArray()) {
      var out = JSON.createArrayNode();
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    if (node.isNumber()) {
      return JSON.getNodeFactory().numberNode(node.decimalValue().stripTrailingZeros());
    }
    return node;
  }

  private static String my(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String pgq(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
