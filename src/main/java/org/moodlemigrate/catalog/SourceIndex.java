package org.moodlemigrate.catalog;

import java.io.Serializable;
import java.util.List;

/**
 * An index of a source table, from {@code information_schema.STATISTICS}.
 *
 * @param name the index name ({@code PRIMARY} for the primary key)
 * @param unique whether {@code NON_UNIQUE = 0}
 * @param kind {@code BTREE}, {@code HASH}, {@code FULLTEXT} or {@code SPATIAL}
 * @param parts the indexed columns in order
 */
public record SourceIndex(String name, boolean unique, String kind, List<Part> parts)
    implements Serializable {

  public SourceIndex {
    parts = List.copyOf(parts);
  }

  /**
   * One indexed column.
   *
   * @param column the column name
   * @param prefixLength the {@code SUB_PART} of a prefix index ({@code col(50)}), null otherwise
   */
  public record Part(String column, Integer prefixLength) implements Serializable {}

  public boolean isPrimary() {
    return "PRIMARY".equals(name);
  }
}
