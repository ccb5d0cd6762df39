package org.moodlemigrate.catalog.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.moodlemigrate.catalog.ColumnType;
import org.moodlemigrate.catalog.ServerInfo;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceIndex;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.sql.SqlResource;

/**
 * Reads a MySQL or MariaDB database's catalog from {@code information_schema} into a {@link
 * SourceCatalog}.
 *
 * <p>Three set-based queries (tables, columns, index columns) regardless of the number of tables: a
 * Totara site has thousands, and one query per table would cost more than copying small ones. On
 * MySQL 8 the session first sets {@code information_schema_stats_expiry = 0}, because MySQL
 * otherwise serves {@code TABLE_ROWS} and {@code AUTO_INCREMENT} from a cache up to a day old, and
 * a stale {@code AUTO_INCREMENT} would hand out ids of deleted rows again.
 */
public final class MySqlCatalogReader {
  private MySqlCatalogReader() {}

  /** Reads the catalog of {@code database} over {@code connection}. */
  public static SourceCatalog read(Connection connection, String database) throws SQLException {
    ServerInfo server = serverInfo(connection);
    prepareSession(connection, server);
    Map<String, List<SourceColumn>> columns = readColumns(connection, database, server);
    if (server.isMariaDb()) {
      markJsonColumns(connection, database, columns);
    }
    Map<String, List<SourceIndex>> indexes = readIndexes(connection, database);
    Map<String, SourceTable> tables = new LinkedHashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/mysql-tables.sql"))) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString("table_name");
          List<SourceIndex> tableIndexes = indexes.getOrDefault(name, List.of());
          List<String> primaryKey =
              tableIndexes.stream()
                  .filter(SourceIndex::isPrimary)
                  .findFirst()
                  .map(i -> i.parts().stream().map(SourceIndex.Part::column).toList())
                  .orElse(List.of());
          String collation = rs.getString("table_collation");
          tables.put(
              name,
              new SourceTable(
                  name,
                  rs.getString("table_type"),
                  rs.getString("engine"),
                  rs.getLong("table_rows"),
                  rs.getLong("data_length"),
                  rs.getLong("index_length"),
                  nullableLong(rs, "auto_increment"),
                  collation,
                  charsetOf(collation),
                  nullToEmpty(rs.getString("table_comment")),
                  columns.getOrDefault(name, List.of()),
                  primaryKey,
                  tableIndexes));
        }
      }
    }
    return new SourceCatalog(database, server, tables);
  }

  /** Reads {@code AUTO_INCREMENT} of every table that has one, by table name. */
  public static Map<String, Long> readAutoIncrements(Connection connection, String database)
      throws SQLException {
    prepareSession(connection, serverInfo(connection));
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/mysql-auto-increment.sql"))) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString("table_name"), rs.getLong("auto_increment"));
        }
      }
    }
    return out;
  }

  /** The server's product and version. */
  public static ServerInfo serverInfo(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT VERSION()")) {
      rs.next();
      return ServerInfo.ofMysqlVersion(rs.getString(1));
    }
  }

  private static void prepareSession(Connection connection, ServerInfo server) throws SQLException {
    if (!server.isMariaDb() && server.major() >= 8) {
      try (Statement st = connection.createStatement()) {
        st.execute("SET SESSION information_schema_stats_expiry = 0");
      }
    }
  }

  private static Map<String, List<SourceColumn>> readColumns(
      Connection connection, String database, ServerInfo server) throws SQLException {
    Map<String, List<SourceColumn>> out = new HashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/mysql-columns.sql"))) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString("table_name");
          String name = rs.getString("column_name");
          String columnType = rs.getString("column_type");
          ColumnType type;
          try {
            type = ColumnType.parse(columnType);
          } catch (IllegalArgumentException e) {
            throw new SQLException(
                "cannot read the type of " + table + "." + name + ": " + e.getMessage(), e);
          }
          String extra = nullToEmpty(rs.getString("extra")).toLowerCase(Locale.ROOT);
          String generation = rs.getString("generation_expression");
          // MySQL reports '' for stored data, MariaDB NULL.
          boolean generated = generation != null && !generation.isEmpty();
          boolean nullable = "YES".equals(rs.getString("is_nullable"));
          out.computeIfAbsent(table, t -> new ArrayList<>())
              .add(
                  new SourceColumn(
                      name,
                      rs.getInt("ordinal_position"),
                      rs.getString("data_type").toLowerCase(Locale.ROOT),
                      type,
                      nullable,
                      SourceDefaults.normalise(
                          rs.getString("column_default"), nullable, extra, type, server),
                      extra.contains("auto_increment"),
                      generated ? generation : null,
                      generated && (extra.contains("stored") || extra.contains("persistent")),
                      rs.getString("character_set_name"),
                      rs.getString("collation_name"),
                      nullToEmpty(rs.getString("column_comment"))));
        }
      }
    }
    return out;
  }

  /**
   * Gives MariaDB's JSON columns (LONGTEXT plus a {@code json_valid} check) the type {@code json},
   * as MySQL reports its native one, so that both become {@code jsonb} when created.
   */
  private static void markJsonColumns(
      Connection connection, String database, Map<String, List<SourceColumn>> columns)
      throws SQLException {
    java.util.regex.Pattern check =
        java.util.regex.Pattern.compile("json_valid\\(`((?:[^`]|``)+)`\\)");
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/mariadb-json-columns.sql"))) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          java.util.regex.Matcher m = check.matcher(rs.getString("check_clause"));
          if (!m.matches()) {
            continue;
          }
          String column = m.group(1).replace("``", "`");
          List<SourceColumn> list = columns.get(rs.getString("table_name"));
          if (list == null) {
            continue;
          }
          list.replaceAll(
              c ->
                  c.name().equals(column) && c.type().name().equals("longtext")
                      ? new SourceColumn(
                          c.name(),
                          c.position(),
                          "json",
                          new ColumnType("json", null, null, false, false, List.of()),
                          c.nullable(),
                          c.defaultValue(),
                          c.autoIncrement(),
                          c.generationExpression(),
                          c.storedGenerated(),
                          c.charset(),
                          c.collation(),
                          c.comment())
                      : c);
        }
      }
    }
  }

  private static Map<String, List<SourceIndex>> readIndexes(Connection connection, String database)
      throws SQLException {
    record Key(String table, String index) {}
    Map<Key, List<SourceIndex.Part>> parts = new LinkedHashMap<>();
    Map<Key, Boolean> unique = new HashMap<>();
    Map<Key, String> kind = new HashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/mysql-indexes.sql"))) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Key key = new Key(rs.getString("table_name"), rs.getString("index_name"));
          Integer subPart = nullableInt(rs, "sub_part");
          parts
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(new SourceIndex.Part(rs.getString("column_name"), subPart));
          unique.put(key, rs.getInt("non_unique") == 0);
          kind.put(key, rs.getString("index_type"));
        }
      }
    }
    Map<String, List<SourceIndex>> out = new HashMap<>();
    parts.forEach(
        (key, p) ->
            out.computeIfAbsent(key.table(), t -> new ArrayList<>())
                .add(new SourceIndex(key.index(), unique.get(key), kind.get(key), p)));
    return out;
  }

  /** The character set a collation belongs to: {@code utf8mb4_unicode_ci} → {@code utf8mb4}. */
  static String charsetOf(String collation) {
    if (collation == null) {
      return null;
    }
    if (collation.equals("binary")) {
      return "binary";
    }
    int underscore = collation.indexOf('_');
    return underscore < 0 ? collation : collation.substring(0, underscore);
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
