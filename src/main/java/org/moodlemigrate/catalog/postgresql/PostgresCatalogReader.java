package org.moodlemigrate.catalog.postgresql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.catalog.SequenceRef;
import org.moodlemigrate.catalog.ServerInfo;
import org.moodlemigrate.catalog.TargetCatalog;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.sql.SqlResource;

/**
 * Reads one PostgreSQL schema's tables, columns and sequences from {@code pg_catalog} into a {@link
 * TargetCatalog}.
 *
 * <p>{@code pg_catalog} rather than {@code information_schema}: the latter hides objects the
 * connecting role does not own or cannot use, and is slow on schemas with thousands of tables.
 */
public final class PostgresCatalogReader {
  private PostgresCatalogReader() {}

  public static TargetCatalog read(Connection connection, String schema) throws SQLException {
    ServerInfo server = serverInfo(connection);
    String schemaOwner = schemaOwner(connection, schema);
    Map<String, Map<String, SequenceRef>> sequences = readSequences(connection, schema);

    record TableHead(String owner, String comment, long rows) {}
    Map<String, TableHead> heads = new LinkedHashMap<>();
    Map<String, List<TargetColumn>> columns = new HashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/postgresql-columns.sql"))) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString("table_name");
          if (!heads.containsKey(table)) {
            heads.put(
                table,
                new TableHead(
                    rs.getString("table_owner"),
                    rs.getString("table_comment"),
                    rs.getLong("rows_estimate")));
          }
          List<TargetColumn> list = columns.computeIfAbsent(table, t -> new ArrayList<>());
          String columnName = rs.getString("column_name");
          if (columnName == null) {
            continue; // a table without columns
          }
          list.add(
              new TargetColumn(
                  columnName,
                  rs.getInt("position"),
                  rs.getString("formatted_type"),
                  PostgresTypes.canonical(rs.getString("type_name"), rs.getString("type_kind")),
                  rs.getInt("typmod"),
                  rs.getBoolean("not_null"),
                  rs.getString("default_expression"),
                  nullToEmpty(rs.getString("identity")),
                  rs.getBoolean("generated"),
                  sequences.getOrDefault(table, Map.of()).get(columnName)));
        }
      }
    }
    Map<String, TargetTable> tables = new LinkedHashMap<>();
    heads.forEach(
        (name, head) ->
            tables.put(
                name,
                new TargetTable(
                    schema,
                    name,
                    head.owner(),
                    head.comment(),
                    columns.getOrDefault(name, List.of()),
                    head.rows())));
    return new TargetCatalog(
        connection.getCatalog(),
        schema,
        schemaOwner,
        server,
        tables,
        readRelations(connection, schema));
  }

  /** The server's version, from {@code server_version_num}. */
  public static ServerInfo serverInfo(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT current_setting('server_version'),"
                    + " current_setting('server_version_num')::int")) {
      rs.next();
      int num = rs.getInt(2);
      return new ServerInfo("PostgreSQL", rs.getString(1), num / 10000, num % 10000);
    }
  }

  private static Map<String, String> readRelations(Connection connection, String schema)
      throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/postgresql-relations.sql"))) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString("relation_name"), rs.getString("belongs_to"));
        }
      }
    }
    return out;
  }

  private static String schemaOwner(Connection connection, String schema) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/postgresql-schema.sql"))) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static Map<String, Map<String, SequenceRef>> readSequences(
      Connection connection, String schema) throws SQLException {
    Map<String, Map<String, SequenceRef>> out = new HashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(SqlResource.load("catalog/postgresql-sequences.sql"))) {
      ps.setString(1, schema);
      ps.setString(2, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          SequenceRef ref =
              new SequenceRef(
                  rs.getString("sequence_schema"),
                  rs.getString("sequence_name"),
                  rs.getString("sequence_owner"),
                  rs.getBoolean("owned"),
                  rs.getLong("min_value"),
                  rs.getLong("max_value"));
          // An owned sequence wins over one that the default merely calls.
          out.computeIfAbsent(rs.getString("table_name"), t -> new HashMap<>())
              .merge(rs.getString("column_name"), ref, (a, b) -> a.ownedByColumn() ? a : b);
        }
      }
    }
    return out;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
