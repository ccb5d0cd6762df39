package org.moodlemigrate.catalog;

import java.io.Serializable;

/**
 * A source column's default, normalised across MySQL and MariaDB.
 *
 * <p>The two report defaults differently in {@code information_schema.COLUMNS.COLUMN_DEFAULT}:
 * MySQL gives the raw value (and SQL NULL when there is none), MariaDB 10.2.7+ gives an SQL
 * expression ({@code 'abc'} quoted, {@code NULL} as the word). The readers turn both into this.
 *
 * @param kind what kind of default it is
 * @param value the literal value unquoted ({@link Kind#LITERAL}), or the expression text ({@link
 *     Kind#EXPRESSION}); null otherwise
 */
public record SourceDefault(Kind kind, String value) implements Serializable {
  /** What the column gets when an INSERT leaves it out. */
  public enum Kind {
    /** No default clause (NOT NULL columns without default). */
    NONE,
    /** {@code DEFAULT NULL}. */
    NULL,
    /** A constant such as {@code 0} or {@code ''}. */
    LITERAL,
    /** An expression such as {@code current_timestamp()}. */
    EXPRESSION
  }

  public static final SourceDefault NONE_DEFAULT = new SourceDefault(Kind.NONE, null);
  public static final SourceDefault NULL_DEFAULT = new SourceDefault(Kind.NULL, null);

  public static SourceDefault literal(String value) {
    return new SourceDefault(Kind.LITERAL, value);
  }

  public static SourceDefault expression(String text) {
    return new SourceDefault(Kind.EXPRESSION, text);
  }
}
