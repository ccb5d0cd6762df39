package org.moodlemigrate.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One of the sandbox's own rows, kept across a refresh: its table (without prefix), the column that
 * identifies it and that column's value, and every column's value as PostgreSQL's text form ({@code
 * null} for NULL), which casts back to the column's type without loss.
 *
 * <p>The values are the sandbox's secrets as often as not (an SMTP password, an API key), so {@link
 * #toString()} names the row and its columns but never prints a value.
 */
public record PreservedRow(
    String table, String keyColumn, String keyValue, Map<String, String> values) {

  public PreservedRow {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(keyColumn, "keyColumn");
    Objects.requireNonNull(keyValue, "keyValue");
    // Map.copyOf refuses null values (NULL columns) and loses the column order.
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Table, key and column names; no values but the key's. */
  @Override
  public String toString() {
    return "PreservedRow["
        + table
        + " "
        + keyColumn
        + "="
        + keyValue
        + ", columns "
        + values.keySet()
        + "]";
  }
}
