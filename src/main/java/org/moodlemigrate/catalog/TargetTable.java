package org.moodlemigrate.catalog;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * One table of the target schema.
 *
 * @param schema the schema it lives in
 * @param name the table name
 * @param owner the role that owns it
 * @param comment the table comment, null when none
 * @param columns the live columns in attribute order
 * @param rowsEstimate {@code reltuples}; -1 when never analysed
 */
public record TargetTable(
    String schema,
    String name,
    String owner,
    String comment,
    List<TargetColumn> columns,
    long rowsEstimate)
    implements Serializable {

  public TargetTable {
    columns = List.copyOf(columns);
  }

  public Optional<TargetColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}
