package org.moodlemigrate.verify;

import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.TargetColumn;

/**
 * How one column's cells are read and compared, decided once per column from the source column
 * <em>and</em> the target column: the normalisation of docs/cast-rules.md ("How values are
 * compared").
 *
 * <p>The source type alone decides almost everything. The target adds what the source cannot tell:
 * a MariaDB JSON column is {@code longtext} in some catalogs, and is compared as JSON when the
 * target holds {@code json}/{@code jsonb}; how each target type is read ({@code boolean} as 0/1,
 * {@code bit(n)} as a number, {@code timestamptz} in UTC, {@code interval} as microseconds) is
 * {@link ColumnCanonicaliser}'s business.
 */
public enum ValueDomain {
  /** Integers and decimals: the exact decimal number, trailing zeros dropped. */
  NUMBER,
  /** {@code YEAR}: its number ({@code 0} for the zero year). */
  YEAR,
  /** {@code FLOAT}: the 32 bits of the stored value. */
  FLOAT32,
  /** {@code DOUBLE}: the 64 bits. */
  FLOAT64,
  /** Text, {@code ENUM}, {@code SET}: the UTF-8 bytes, code point for code point. */
  TEXT,
  /** JSON: the document with object keys sorted and numbers as decimals. */
  JSON,
  /** Binary and spatial: the bytes. */
  BYTES,
  /** {@code DATE}: the {@code YYYY-MM-DD} text. */
  DATE,
  /**
   * {@code DATETIME}, {@code TIMESTAMP}: the UTC wall-clock text, trailing fraction zeros dropped.
   */
  TIMESTAMP,
  /** {@code TIME}: signed microseconds. */
  DURATION,
  /** {@code BIT}: the unsigned number. */
  BITS;

  /** The domain of a source {@code DATA_TYPE} alone. */
  public static ValueDomain ofSourceType(String dataType) {
    return switch (dataType) {
      case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric" ->
          NUMBER;
      case "year" -> YEAR;
      case "float" -> FLOAT32;
      case "double", "real", "double precision" -> FLOAT64;
      case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> TEXT;
      case "json" -> JSON;
      case "date" -> DATE;
      case "datetime", "timestamp" -> TIMESTAMP;
      case "time" -> DURATION;
      case "bit" -> BITS;
      default -> BYTES; // binary, varbinary, blobs, spatial
    };
  }

  /** The domain of a column carried from {@code source} into {@code target}. */
  public static ValueDomain of(SourceColumn source, TargetColumn target) {
    ValueDomain domain = ofSourceType(source.dataType());
    String targetType = target.baseType();
    if (domain == TEXT && ("json".equals(targetType) || "jsonb".equals(targetType))) {
      return JSON; // MariaDB's JSON is longtext with a json_valid check
    }
    return domain;
  }
}
