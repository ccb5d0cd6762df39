package org.moodlemigrate.anonymise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a rules file's YAML into {@link AnonymisationRules}, checking everything a typo could get
 * wrong: unknown keys, unknown rule kinds and groups, options that belong to another kind, a format
 * without {@code {}}. Every message names the file and the line, never a value.
 */
final class RulesFileParser {
  static final int VERSION = 1;
  static final Set<String> GROUPS = Set.of("personal", "secrets", "messages", "content");

  private static final Set<String> TOP_KEYS = orderedSet("version", "kept-accounts", "tables");
  private static final Set<String> TABLE_KEYS = orderedSet("table", "group", "rows", "columns");
  private static final Set<String> RULE_KEYS =
      orderedSet(
          "rule",
          "domain",
          "format",
          "value",
          "by",
          "key",
          "if-present",
          "unless-kept",
          "when",
          "unless");

  /** The options only one kind takes, by option. */
  private static final Map<String, ColumnRule.Kind> OPTION_KIND =
      Map.of(
          "domain", ColumnRule.Kind.PSEUDONYM,
          "format", ColumnRule.Kind.PSEUDONYM,
          "value", ColumnRule.Kind.FIXED,
          "by", ColumnRule.Kind.DATE_SHIFT,
          "key", ColumnRule.Kind.SHUFFLE);

  /** One table entry, in file order. */
  record Entry(String pattern, Globs globs, int line, TableRules rules) {}

  private RulesFileParser() {}

  static AnonymisationRules parse(YamlNode root, String origin) {
    if (root == null) {
      throw new AnonymisationRulesException(origin, 0, "is empty; expected 'version' and 'tables'");
    }
    YamlNode.Mapping top = root.mapping("the file").allowOnly("the file", TOP_KEYS);
    String version = top.text("version", "the file");
    if (!Integer.toString(VERSION).equals(version)) {
      throw top.get("version")
          .error("'version' must be " + VERSION + " (the only rules format this tool reads)");
    }
    List<String> kept =
        top.get("kept-accounts") == null
            ? List.of()
            : top.texts("kept-accounts", "'kept-accounts'").stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    YamlNode tablesNode = top.get("tables");
    if (tablesNode == null) {
      throw top.error("the file has no 'tables' list");
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (YamlNode item : tablesNode.sequence("'tables'").items) {
      Entry entry = table(item);
      String identity = entry.pattern().toLowerCase(Locale.ROOT) + "\0" + entry.rules().group();
      Integer earlier = seen.putIfAbsent(identity, entry.line());
      if (earlier != null) {
        throw item.error(
            "table "
                + entry.pattern()
                + " in group "
                + entry.rules().group()
                + " is already given on line "
                + earlier
                + "; the first entry that matches a table wins, so this one would never apply:"
                + " put its columns there");
      }
      entries.add(entry);
    }
    return new AnonymisationRules(origin, kept, entries);
  }

  private static Entry table(YamlNode item) {
    YamlNode.Mapping m = item.mapping("a 'tables' entry").allowOnly("a table entry", TABLE_KEYS);
    String pattern = m.text("table", "a table entry");
    if (pattern.isBlank()) {
      throw m.get("table").error("'table' is empty");
    }
    String of = "table " + pattern;
    String group = m.text("group", of);
    if (!GROUPS.contains(group)) {
      throw m.get("group")
          .error(of + ": unknown group; groups: personal, secrets, messages, content");
    }
    String rows = m.optionalText("rows", of);
    boolean emptied;
    if (rows == null || rows.equals("all")) {
      emptied = false;
    } else if (rows.equals("none")) {
      emptied = true;
    } else {
      throw m.get("rows").error(of + ": 'rows' must be none (empty the table) or all");
    }
    List<ColumnRule> columns = new ArrayList<>();
    YamlNode columnsNode = m.get("columns");
    if (emptied && columnsNode != null) {
      throw columnsNode.error(
          of + ": a table with 'rows: none' is not copied; it takes no columns");
    }
    if (!emptied) {
      if (columnsNode == null) {
        throw m.error(of + " has neither 'columns' nor 'rows: none'");
      }
      Set<String> names = new java.util.HashSet<>();
      YamlNode.Mapping cm = columnsNode.mapping(of + ": 'columns'");
      if (cm.entries.isEmpty()) {
        throw cm.error(of + ": 'columns' is empty");
      }
      for (Map.Entry<String, YamlNode> c : cm.entries.entrySet()) {
        String column = c.getKey().toLowerCase(Locale.ROOT);
        if (!names.add(column)) {
          throw c.getValue().error(of + ": column " + column + " is given twice");
        }
        columns.add(column(column, c.getValue(), of));
      }
    }
    return new Entry(
        pattern, Globs.of(pattern), item.line, new TableRules(pattern, group, emptied, columns));
  }

  private static ColumnRule column(String column, YamlNode node, String table) {
    String of = table + ", column " + column;
    YamlNode.Mapping m = node.mapping(of).allowOnly(of, RULE_KEYS);
    if (m.get("rule") == null) {
      throw m.error(of + " has no 'rule'");
    }
    // `rule: null` unquoted is YAML's null, which is what it means here
    String kindName =
        m.get("rule") instanceof YamlNode.Scalar s && s.text == null ? "null" : m.text("rule", of);
    ColumnRule.Kind kind = ColumnRule.Kind.named(kindName);
    if (kind == null) {
      throw m.get("rule").error(of + ": unknown rule; rules: " + ColumnRule.Kind.names());
    }
    for (Map.Entry<String, ColumnRule.Kind> option : OPTION_KIND.entrySet()) {
      if (m.get(option.getKey()) != null && option.getValue() != kind) {
        throw m.get(option.getKey())
            .error(
                of
                    + ": '"
                    + option.getKey()
                    + "' belongs to rule "
                    + option.getValue().yamlName
                    + ", not to "
                    + kind.yamlName);
      }
    }
    String domain = null;
    String format = null;
    if (kind == ColumnRule.Kind.PSEUDONYM) {
      domain = m.optionalText("domain", of);
      domain = domain == null ? column : domain;
      if (domain.isEmpty()) {
        throw m.get("domain").error(of + ": 'domain' is empty");
      }
      format = m.optionalText("format", of);
      format = format == null ? "{}" : format;
      int at = format.indexOf("{}");
      if (at < 0 || format.indexOf("{}", at + 2) >= 0) {
        throw m.get("format").error(of + ": 'format' must hold {} exactly once");
      }
    }
    String fixed = null;
    if (kind == ColumnRule.Kind.FIXED) {
      if (m.get("value") == null) {
        throw m.error(of + ": rule fixed needs a 'value' (for NULL use rule null)");
      }
      fixed = m.text("value", of);
    }
    long seconds = 0;
    if (kind == ColumnRule.Kind.DATE_SHIFT) {
      try {
        seconds = DateShift.seconds(m.text("by", of));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw (m.get("by") == null ? m : m.get("by"))
            .error(
                of
                    + ": "
                    + (e instanceof ArithmeticException ? "'by' is too large" : e.getMessage()));
      }
      if (seconds == 0) {
        throw m.get("by").error(of + ": 'by' is 0, which shifts nothing; use rule keep");
      }
    }
    String key = null;
    if (kind == ColumnRule.Kind.SHUFFLE) {
      key = m.optionalText("key", of);
      key = key == null ? "id" : key.toLowerCase(Locale.ROOT);
    }
    List<RowCondition> conditions = new ArrayList<>();
    YamlNode when = m.get("when");
    if (when != null) {
      YamlNode.Mapping w =
          when.mapping(of + ": 'when'").allowOnly(of + ": 'when'", orderedSet("column", "matches"));
      String on = w.text("column", of + ": 'when'").toLowerCase(Locale.ROOT);
      conditions.add(new RowCondition.Matches(on, Globs.of(w.texts("matches", of + ": 'when'"))));
    }
    YamlNode unless = m.get("unless");
    if (unless != null) {
      YamlNode.Mapping u =
          unless
              .mapping(of + ": 'unless'")
              .allowOnly(of + ": 'unless'", orderedSet("column", "in"));
      String on = u.text("column", of + ": 'unless'").toLowerCase(Locale.ROOT);
      conditions.add(new RowCondition.NotIn(on, Set.copyOf(u.texts("in", of + ": 'unless'"))));
    }
    if (m.flag("unless-kept", of)) {
      conditions.add(new RowCondition.NotKept());
    }
    if (kind == ColumnRule.Kind.SHUFFLE && !conditions.isEmpty()) {
      throw m.error(
          of
              + ": shuffle takes no conditions (when, unless, unless-kept): it permutes"
              + " the values of all rows");
    }
    return new ColumnRule(
        column, kind, m.flag("if-present", of), domain, format, fixed, seconds, key, conditions);
  }

  private static Set<String> orderedSet(String... names) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
  }
}
