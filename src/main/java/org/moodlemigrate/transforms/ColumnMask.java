package org.moodlemigrate.transforms;

import java.io.Serializable;
import java.util.Map;
import org.moodlemigrate.anonymise.ValueRule;

/**
 * One column's anonymisation, as a worker applies it: which value of the copy's SELECT it replaces,
 * the rule that makes the new value, and what the target column can hold.
 *
 * @param index the column's 1-based position in the copy's SELECT
 * @param column the source column's name
 * @param rule the kind of rule, for the journal and messages ({@code pseudonym}, {@code empty} …)
 * @param valueRule the rule, bound to its keys
 * @param numeric whether the target column holds an integer (a date shift): the new value is then
 *     checked to be one and written as digits
 * @param maxChars the target column's declared length ({@code varchar(n)}), 0 when unlimited
 * @param notNull whether the target column refuses NULL
 * @param rowColumns the other columns the rule reads, by lower-case name, to their 1-based
 *     positions in the SELECT
 */
public record ColumnMask(
    int index,
    String column,
    String rule,
    ValueRule valueRule,
    boolean numeric,
    int maxChars,
    boolean notNull,
    Map<String, Integer> rowColumns)
    implements Serializable {
  public ColumnMask {
    rowColumns = Map.copyOf(rowColumns);
  }
}
