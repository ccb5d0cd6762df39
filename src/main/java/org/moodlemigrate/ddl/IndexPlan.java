package org.moodlemigrate.ddl;

import java.io.Serializable;
import java.util.List;

/**
 * A key or index of a table to create, built after the table is loaded.
 *
 * @param name the index (or primary-key constraint) name, unique in the schema
 * @param kind what it is
 * @param parts the indexed columns; {@code substr} expressions for prefix parts
 */
public record IndexPlan(String name, Kind kind, List<Part> parts) implements Serializable {
  public IndexPlan {
    parts = List.copyOf(parts);
  }

  /** The shapes an index can take. */
  public enum Kind {
    PRIMARY_KEY,
    UNIQUE,
    PLAIN,
    /** A GIN index on {@code to_tsvector('simple', column)}, Moodle's form of a FULLTEXT index. */
    FULL_TEXT
  }

  /**
   * @param column the column
   * @param prefixLength index only this many leading characters (bytes for binary), null for all
   */
  public record Part(String column, Integer prefixLength) implements Serializable {}
}
