package org.moodlemigrate.anonymise;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A column rule bound to its keys: what one value of one row becomes. {@link Serializable}, since
 * Beam ships it to the workers that copy the rows.
 */
@FunctionalInterface
public interface ValueRule extends Serializable {
  /**
   * @param value the source value as text, null for NULL
   * @param row another column of the same source row by lower-case name, as text (null for NULL);
   *     only the columns of {@link ColumnRule#conditionColumns()} are asked for
   * @return the new text, null for NULL
   */
  String apply(String value, Function<String, String> row);
}
