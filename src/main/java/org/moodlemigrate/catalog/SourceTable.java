package org.moodlemigrate.catalog;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * One table (or view) of the source database.
 *
 * @param name the table name
 * @param tableType {@code BASE TABLE}, {@code VIEW}, {@code SYSTEM VIEW}, {@code SEQUENCE} ...
 * @param engine the storage engine, null for views
 * @param rowsEstimate {@code TABLE_ROWS}: exact for MyISAM, an estimate for InnoDB
 * @param dataBytes {@code DATA_LENGTH}
 * @param indexBytes {@code INDEX_LENGTH}
 * @param autoIncrement the next {@code AUTO_INCREMENT} value, null when the table has none
 * @param collation the table's default collation
 * @param charset the table's default character set
 * @param comment the table comment, empty when none
 * @param columns the columns in ordinal order
 * @param primaryKey the primary key's columns in key order; empty when there is none
 * @param indexes every index including the primary key
 */
public record SourceTable(
    String name,
    String tableType,
    String engine,
    long rowsEstimate,
    long dataBytes,
    long indexBytes,
    Long autoIncrement,
    String collation,
    String charset,
    String comment,
    List<SourceColumn> columns,
    List<String> primaryKey,
    List<SourceIndex> indexes)
    implements Serializable {

  public SourceTable {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
  }

  /** Views are never copied; only base tables (and system-versioned ones on MariaDB) are. */
  public boolean isBaseTable() {
    return "BASE TABLE".equals(tableType) || "SYSTEM VERSIONED".equals(tableType);
  }

  public Optional<SourceColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /**
   * The primary key column when the key is a single integer column: the only shape that can be
   * split into ranges.
   */
  public Optional<SourceColumn> singleIntegerKey() {
    if (primaryKey.size() != 1) {
      return Optional.empty();
    }
    return column(primaryKey.get(0)).filter(c -> c.type().isInteger());
  }
}
