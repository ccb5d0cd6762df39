package org.moodlemigrate.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.moodlemigrate.sql.Identifiers;

/**
 * Reads the sandbox's own rows before a refresh and writes them back after it.
 *
 * <p>{@link #read} takes, for each {@link PreserveSpec}, every column of every row of the table
 * whose key column matches one of the spec's globs, as text. {@link #restore} puts each row back
 * into the freshly copied table: it updates the row with the same key (every column but {@code id},
 * which belongs to the fresh copy and may be referenced there), or inserts it without {@code id}
 * (the sequence gives one) when production has no such row. Text goes back through an explicit cast
 * to the column's type, read from the catalog, so a {@code bigint}, {@code smallint} or {@code
 * bytea} column gets its value and not an error or a string.
 *
 * <p>Columns that exist on only one side (a plugin upgraded between refreshes) are left alone: a
 * preserved value for a column the fresh copy no longer has is dropped, and a new column keeps
 * production's value or its default. A key that matches more than one row is refused, since which
 * one to restore would be a guess.
 */
public final class PreservedRows {

  private static final String ID = "id";

  /** What {@link #restore} did with one row. */
  public enum Outcome {
    UPDATED,
    INSERTED
  }

  /** One row restored: where, which, and how; no values. */
  public record Restored(String table, String keyColumn, String keyValue, Outcome outcome) {}

  private PreservedRows() {}

  /**
   * The rows the specs name, in spec order, each table's rows by key; a row two specs match comes
   * once. A table the target lacks (a first refresh into an empty database) gives no rows.
   *
   * @throws SQLException naming the spec when its key column is not in the table or matches a key
   *     value on more than one row
   */
  public static List<PreservedRow> read(
      Connection target, String schema, String prefix, List<PreserveSpec> specs)
      throws SQLException {
    TargetTables catalog = new TargetTables(target, schema);
    Map<String, PreservedRow> rows = new LinkedHashMap<>();
    for (PreserveSpec spec : specs) {
      String table = prefix + spec.table();
      var columns = catalog.columns(table);
      if (columns.isEmpty()) {
        continue;
      }
      if (!columns.get().containsKey(spec.keyColumn())) {
        throw new SandboxSqlException(
            "Preserve spec '"
                + spec
                + "': table "
                + table
                + " has no column "
                + spec.keyColumn()
                + " (it has "
                + String.join(", ", columns.get().keySet())
                + ")");
      }
      for (PreservedRow row : readSpec(target, schema, prefix, spec)) {
        rows.putIfAbsent(row.table() + "\0" + row.keyColumn() + "\0" + row.keyValue(), row);
      }
    }
    return List.copyOf(rows.values());
  }

  private static List<PreservedRow> readSpec(
      Connection target, String schema, String prefix, PreserveSpec spec) throws SQLException {
    String key = Identifiers.postgres(spec.keyColumn());
    String sql =
        "SELECT * FROM "
            + Identifiers.postgres(schema, prefix + spec.table())
            + " WHERE CAST("
            + key
            + " AS text) ILIKE ANY (?::text[]) ORDER BY CAST("
            + key
            + " AS text)";
    List<PreservedRow> rows = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    try (PreparedStatement ps = target.prepareStatement(sql)) {
      ps.setArray(1, target.createArrayOf("text", Globs.toLike(spec.globs())));
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, String> values = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            values.put(meta.getColumnName(i), rs.getString(i));
          }
          String keyValue = values.get(spec.keyColumn());
          if (keyValue == null) {
            continue; // a NULL key identifies nothing
          }
          if (!keys.add(keyValue)) {
            throw new SandboxSqlException(
                "Preserve spec '"
                    + spec
                    + "': "
                    + spec.keyColumn()
                    + " = '"
                    + keyValue
                    + "' is on more than one row of "
                    + prefix
                    + spec.table()
                    + "; the key column must identify one row");
          }
          rows.add(new PreservedRow(spec.table(), spec.keyColumn(), keyValue, values));
        }
      }
    } catch (SQLException e) {
      throw SafeMessages.rethrown("Reading the rows of preserve spec '" + spec + "'", e);
    }
    return rows;
  }

  /**
   * Writes the rows back into the fresh copy, all or nothing (its own transaction, or a savepoint
   * in the caller's if one is open).
   *
   * @return per row, whether it was updated or inserted, in the order given
   * @throws SQLException naming the table and key (never a value) when a row cannot be written
   */
  public static List<Restored> restore(
      Connection target, String schema, String prefix, List<PreservedRow> rows)
      throws SQLException {
    return Transactions.allOrNothing(target, () -> restoreAll(target, schema, prefix, rows));
  }

  private static List<Restored> restoreAll(
      Connection target, String schema, String prefix, List<PreservedRow> rows)
      throws SQLException {
    TargetTables catalog = new TargetTables(target, schema);
    Map<String, Map<String, String>> columnsByTable = new LinkedHashMap<>();
    List<Restored> restored = new ArrayList<>();
    for (PreservedRow row : rows) {
      String table = prefix + row.table();
      Map<String, String> columns = columnsByTable.get(table);
      if (columns == null) {
        columns =
            catalog
                .columns(table)
                .orElseThrow(
                    () ->
                        new SandboxSqlException(
                            "Cannot restore the preserved rows of "
                                + table
                                + ": the refreshed database has no such table"));
        columnsByTable.put(table, columns);
      }
      String keyType = columns.get(row.keyColumn());
      if (keyType == null) {
        throw new SandboxSqlException(
            "Cannot restore "
                + describe(table, row)
                + ": the refreshed table has no column "
                + row.keyColumn());
      }
      try {
        restored.add(restoreOne(target, schema, table, columns, row));
      } catch (SQLException e) {
        throw SafeMessages.rethrown("Cannot restore " + describe(table, row), e);
      }
    }
    return restored;
  }

  private static Restored restoreOne(
      Connection target, String schema, String table, Map<String, String> columns, PreservedRow row)
      throws SQLException {
    List<String> names = new ArrayList<>();
    for (String column : row.values().keySet()) {
      if (!column.equals(ID) && columns.containsKey(column)) {
        names.add(column);
      }
    }
    String qualified = Identifiers.postgres(schema, table);
    if (!names.isEmpty()) {
      StringBuilder update = new StringBuilder("UPDATE ").append(qualified).append(" SET ");
      for (int i = 0; i < names.size(); i++) {
        update
            .append(i == 0 ? "" : ", ")
            .append(Identifiers.postgres(names.get(i)))
            .append(" = ")
            .append(cast(columns.get(names.get(i))));
      }
      update
          .append(" WHERE ")
          .append(Identifiers.postgres(row.keyColumn()))
          .append(" = ")
          .append(cast(columns.get(row.keyColumn())));
      try (PreparedStatement ps = target.prepareStatement(update.toString())) {
        int p = 1;
        for (String name : names) {
          ps.setString(p++, row.values().get(name));
        }
        ps.setString(p, row.keyValue());
        int updated = ps.executeUpdate();
        if (updated > 1) {
          throw new SandboxSqlException(
              "Cannot restore "
                  + describe(table, row)
                  + ": the key is on "
                  + updated
                  + " rows of the refreshed table");
        }
        if (updated == 1) {
          return new Restored(row.table(), row.keyColumn(), row.keyValue(), Outcome.UPDATED);
        }
      }
    }
    StringBuilder insert = new StringBuilder("INSERT INTO ").append(qualified);
    if (names.isEmpty()) {
      insert.append(" DEFAULT VALUES");
    } else {
      insert.append(" (");
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < names.size(); i++) {
        insert.append(i == 0 ? "" : ", ").append(Identifiers.postgres(names.get(i)));
        values.append(i == 0 ? "" : ", ").append(cast(columns.get(names.get(i))));
      }
      insert.append(") VALUES (").append(values).append(')');
    }
    try (PreparedStatement ps = target.prepareStatement(insert.toString())) {
      int p = 1;
      for (String name : names) {
        ps.setString(p++, row.values().get(name));
      }
      ps.executeUpdate();
    }
    return new Restored(row.table(), row.keyColumn(), row.keyValue(), Outcome.INSERTED);
  }

  /** A parameter cast to the column's type; the type name comes from format_type, so is SQL. */
  private static String cast(String type) {
    return "CAST(? AS " + type + ")";
  }

  private static String describe(String table, PreservedRow row) {
    return "the preserved row " + table + " " + row.keyColumn() + " = '" + row.keyValue() + "'";
  }
}
