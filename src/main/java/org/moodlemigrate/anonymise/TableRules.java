package org.moodlemigrate.anonymise;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules for one table, as its entry in the rules file gives them.
 *
 * @param pattern the entry's {@code table:} (a name without prefix, or a glob)
 * @param group the entry's group ({@code personal}, {@code secrets}, {@code messages}, {@code
 *     content})
 * @param emptied {@code rows: none}: the table is emptied in the target instead of copied
 * @param columns the column rules, in the order written (none when emptied)
 */
public record TableRules(String pattern, String group, boolean emptied, List<ColumnRule> columns)
    implements Serializable {

  public TableRules {
    columns = List.copyOf(columns);
  }

  /**
   * What the rules name that the source table lacks, one message per problem: a column a rule
   * writes (unless the rule is {@code if-present}), or a column a rule reads (a condition's column,
   * {@code username} for passwords). An empty list when everything is there. Names compare ignoring
   * case.
   *
   * @param tableName the table, as the messages should name it
   * @param sourceColumnNames the source table's columns
   */
  public List<String> missingColumns(String tableName, Collection<String> sourceColumnNames) {
    Set<String> present =
        sourceColumnNames.stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    for (ColumnRule rule : columns) {
      if (!present.contains(rule.column())) {
        if (!rule.ifPresent()) {
          missing.add(
              "column "
                  + rule.column()
                  + " named by rule for table "
                  + tableName
                  + " (pattern "
                  + pattern
                  + ") is not in the source table");
        }
        continue;
      }
      for (String read : rule.conditionColumns()) {
        if (!present.contains(read)) {
          missing.add(
              "column "
                  + read
                  + " read by the "
                  + rule.kind()
                  + " rule for column "
                  + rule.column()
                  + " of table "
                  + tableName
                  + " (pattern "
                  + pattern
                  + ") is not in the source table");
        }
      }
    }
    return missing;
  }

  /** Whether some rule writes this column (ignoring case). */
  public boolean covers(String column) {
    return columns.stream().anyMatch(rule -> rule.column().equalsIgnoreCase(column));
  }
}
