package org.moodlemigrate.anonymise;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Rules files written in a test, and rows to apply their rules to. */
final class RuleFiles {
  static final Set<String> ALL_GROUPS = RulesFileParser.GROUPS;

  private RuleFiles() {}

  static AnonymisationRules parse(String yaml) {
    return RulesFileParser.parse(
        YamlNode.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"),
        "test.yaml");
  }

  /** A file with one table {@code t} whose columns are {@code columns} (YAML mapping lines). */
  static AnonymisationRules table(String columns) {
    return parse(
        "version: 1\nkept-accounts: [admin, Guest]\ntables:\n  - table: t\n    group: personal\n"
            + "    columns:\n"
            + columns.indent(6));
  }

  /** The one column rule of {@link #table}. */
  static ColumnRule rule(String columnLine) {
    return table(columnLine).forTable("mdl_", "mdl_t", ALL_GROUPS).orElseThrow().columns().get(0);
  }

  static Function<String, String> row(Map<String, String> values) {
    return column -> {
      if (!values.containsKey(column)) {
        throw new AssertionError("the rule read column " + column + ", which it did not declare");
      }
      return values.get(column);
    };
  }

  static Function<String, String> noRow() {
    return row(Map.of());
  }
}
