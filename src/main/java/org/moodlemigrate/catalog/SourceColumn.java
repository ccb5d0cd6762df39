package org.moodlemigrate.catalog;

import java.io.Serializable;

/**
 * One column of a source table, from {@code information_schema.COLUMNS}.
 *
 * @param name the column name
 * @param position 1-based ordinal position
 * @param dataType {@code DATA_TYPE}, lower case
 * @param type the parsed {@code COLUMN_TYPE}
 * @param nullable {@code IS_NULLABLE = 'YES'}
 * @param defaultValue the normalised default
 * @param autoIncrement whether {@code EXTRA} says {@code auto_increment}
 * @param generationExpression the expression of a generated column, null for stored data
 * @param storedGenerated for generated columns: stored (persistent) rather than virtual
 * @param charset the column's character set, null for non-text columns
 * @param collation the column's collation, null for non-text columns
 * @param comment the column comment, empty when none
 */
public record SourceColumn(
    String name,
    int position,
    String dataType,
    ColumnType type,
    boolean nullable,
    SourceDefault defaultValue,
    boolean autoIncrement,
    String generationExpression,
    boolean storedGenerated,
    String charset,
    String collation,
    String comment)
    implements Serializable {

  public boolean isGenerated() {
    return generationExpression != null;
  }
}
