package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.moodlemigrate.anonymise.AnonymiseKeys;
import org.moodlemigrate.anonymise.ColumnRule;
import org.moodlemigrate.anonymise.ShufflePool;
import org.moodlemigrate.anonymise.TableRules;
import org.moodlemigrate.anonymise.ValueRule;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.checks.MoodleSite;
import org.moodlemigrate.journal.AnonymisedColumns;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.plan.PlanProblem;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.settings.SandboxSettings;
import org.moodlemigrate.transforms.ColumnMask;

/**
 * The anonymisation rules laid over the plan, before anything is written: which tables they empty
 * (skipped by the copy, emptied in the target after it), which columns of the copied tables they
 * replace, and every reason the rules cannot be applied as written — a column a rule names that the
 * source table lacks, a rule on a key, a condition on a column that is not copied, a NULL for a NOT
 * NULL column. Those are plan problems: the run refuses (exit 3) and {@code check} reports them, so
 * a rules file with a typo never lets personal data through.
 *
 * <p>Rules name tables without the site's prefix ({@code user} for {@code mdl_user}); the prefix is
 * the one the site's own tables show ({@link MoodleSite#prefix}), {@code mdl_} when none does.
 */
final class SiteMasking {
  /** A table's rules as planned: each rule with the position of its column in the SELECT. */
  private record Planned(TableRules rules, Map<Integer, ColumnRule> byIndex, TablePlan plan) {}

  static final SiteMasking NONE =
      new SiteMasking(null, Map.of(), new TreeMap<>(), List.of(), "mdl_");

  private final SandboxSettings settings;
  private final Map<String, Planned> tables;
  private final Map<String, String> emptied;
  private final List<PlanProblem> problems;
  private final String prefix;

  private SiteMasking(
      SandboxSettings settings,
      Map<String, Planned> tables,
      Map<String, String> emptied,
      List<PlanProblem> problems,
      String prefix) {
    this.settings = settings;
    this.tables = tables;
    this.emptied = emptied;
    this.problems = problems;
    this.prefix = prefix;
  }

  /** The rules of {@code sandbox} over {@code plan}; {@link #NONE} without rules. */
  static SiteMasking plan(SandboxSettings sandbox, SourceCatalog source, MigrationPlan plan) {
    if (sandbox == null) {
      return NONE;
    }
    String prefix = MoodleSite.prefix(source.tables().keySet()).orElse("mdl_");
    if (sandbox.rules() == null) {
      // Kept rows or post-refresh actions without rules: only the prefix is needed.
      return new SiteMasking(sandbox, Map.of(), new TreeMap<>(), List.of(), prefix);
    }
    Map<String, Planned> tables = new LinkedHashMap<>();
    Map<String, String> emptied = new TreeMap<>();
    List<PlanProblem> problems = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      if (!t.source().isBaseTable()) {
        continue;
      }
      Optional<TableRules> found = sandbox.rules().forTable(prefix, t.name(), sandbox.groups());
      if (found.isEmpty()) {
        continue;
      }
      TableRules rules = found.get();
      if (rules.emptied()) {
        emptied.put(t.name(), rules.pattern());
        continue;
      }
      if (t.mode() == TableMode.SKIP) {
        continue;
      }
      for (String missing :
          rules.missingColumns(
              t.name(), t.source().columns().stream().map(SourceColumn::name).toList())) {
        problems.add(
            new PlanProblem(
                "anonymise-column-missing",
                t.name(),
                null,
                missing,
                "correct the rules file ("
                    + sandbox.rulesName()
                    + "), or mark the column"
                    + " if-present: true when only some sites have it"));
      }
      Map<String, Integer> positions = positions(t);
      Map<Integer, ColumnRule> byIndex = new TreeMap<>();
      for (ColumnRule rule : rules.columns()) {
        Integer at = positions.get(rule.column().toLowerCase(Locale.ROOT));
        boolean inSource = t.source().column(rule.column()).isPresent();
        if (at == null) {
          if (inSource) {
            problems.add(
                problem(
                    "anonymise-column-not-copied",
                    t,
                    rule.column(),
                    "the rule for column "
                        + rule.column()
                        + " cannot be applied: the column is not copied (the target table lacks"
                        + " it)",
                    "add the column to the target, or remove the rule"));
          }
          continue;
        }
        check(t, rule, at, positions, problems);
        byIndex.put(at, rule);
      }
      if (!byIndex.isEmpty()) {
        tables.put(t.name(), new Planned(rules, byIndex, t));
      }
    }
    return new SiteMasking(sandbox, tables, emptied, problems, prefix);
  }

  private static void check(
      TablePlan t,
      ColumnRule rule,
      int at,
      Map<String, Integer> positions,
      List<PlanProblem> problems) {
    ColumnCast cast = t.columns().get(at - 1);
    if (t.source().primaryKey().contains(cast.source().name())) {
      problems.add(
          problem(
              "anonymise-key-column",
              t,
              rule.column(),
              "a rule replaces key column " + rule.column() + ": rows could collide or vanish",
              "remove the rule; keys are ids, not personal data"));
    }
    if (rule.kind().equals("null") && cast.target().notNull()) {
      problems.add(
          problem(
              "anonymise-null-not-null",
              t,
              rule.column(),
              "rule null for column " + rule.column() + ", which the target declares NOT NULL",
              "use rule empty (or fixed) instead"));
    }
    if (rule.kind().equals("date-shift") && !cast.source().type().isInteger()) {
      problems.add(
          problem(
              "anonymise-rule-type",
              t,
              rule.column(),
              "rule date-shift for column "
                  + rule.column()
                  + ", which is not an integer (Moodle keeps times as Unix seconds)",
              "use another rule for this column"));
    }
    if (rule.needsShuffle() && t.source().singleIntegerKey().isEmpty()) {
      problems.add(
          problem(
              "anonymise-rule-type",
              t,
              rule.column(),
              "rule shuffle for column " + rule.column() + " of a table without one integer key",
              "use another rule for this column"));
    }
    for (String other : rule.conditionColumns()) {
      if (!positions.containsKey(other.toLowerCase(Locale.ROOT))) {
        problems.add(
            problem(
                "anonymise-column-missing",
                t,
                rule.column(),
                "the rule for column "
                    + rule.column()
                    + " reads column "
                    + other
                    + ", which is not copied",
                "correct the rule's condition"));
      }
    }
  }

  private static PlanProblem problem(
      String code, TablePlan t, String column, String message, String fix) {
    return new PlanProblem(code, t.name(), column, message, fix);
  }

  /** Each copied column's 1-based position in the copy's SELECT, by lower-case name. */
  private static Map<String, Integer> positions(TablePlan t) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < t.columns().size(); i++) {
      out.put(t.columns().get(i).source().name().toLowerCase(Locale.ROOT), i + 1);
    }
    return out;
  }

  /**
   * {@code plan} with the emptied tables skipped (they are emptied in the target after the copy)
   * and the rules' problems added. A table the rules empty that is to be created ({@code
   * --schema-mode create}, a plugin's table the target lacks) stays in the plan, to be created, and
   * copies no row ({@link #copiesNothing}): skipping it would leave the site without the table.
   */
  MigrationPlan applyTo(MigrationPlan plan) {
    if (settings == null) {
      return plan;
    }
    List<TablePlan> out = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      String pattern = emptied.get(t.name());
      out.add(
          pattern == null || t.mode() != TableMode.LOAD
              ? t
              : TablePlan.skip(
                  t.source(), "emptied by the anonymisation rules (table: " + pattern + ")"));
    }
    List<PlanProblem> all = new ArrayList<>(plan.problems());
    all.addAll(problems);
    return new MigrationPlan(out, all, plan.createsSchema());
  }

  /** Whether {@code table} is created but copies no row: the rules empty it. */
  boolean copiesNothing(String table) {
    return emptied.containsKey(table);
  }

  /** The site's table prefix the rules were matched with. */
  String prefix() {
    return prefix;
  }

  /** The tables the rules empty, by name. */
  Set<String> emptied() {
    return emptied.keySet();
  }

  /** Whether any rule applies. */
  boolean any() {
    return !tables.isEmpty() || !emptied.isEmpty();
  }

  /**
   * What the journal records of this anonymisation (so that a later {@code verify} compares the
   * rest), with the tables the post-refresh steps rewrite.
   */
  AnonymisedColumns record(
      Map<String, Map<String, String>> changedColumns, Map<String, String> rewritten) {
    Map<String, Map<String, String>> columns = new TreeMap<>();
    changedColumns.forEach((t, cols) -> columns.put(t, new TreeMap<>(cols)));
    tables.forEach(
        (name, p) -> {
          Map<String, String> cols = new TreeMap<>();
          p.byIndex()
              .forEach(
                  (at, rule) ->
                      cols.put(p.plan().columns().get(at - 1).source().name(), rule.kind()));
          columns.merge(
              name,
              cols,
              (a, b) -> {
                Map<String, String> both = new TreeMap<>(a);
                both.putAll(b);
                return both;
              });
        });
    return new AnonymisedColumns(columns, emptied.keySet(), rewritten);
  }

  /**
   * Each table's masks, the rules bound to the run's keys. A shuffled column's values are read
   * here, once, from the source (the pool travels with the job to the workers).
   */
  Map<String, List<ColumnMask>> bind(DataSource source, String database, AnonymiseKeys keys)
      throws SQLException {
    Map<String, List<ColumnMask>> out = new LinkedHashMap<>();
    if (tables.isEmpty()) {
      return out;
    }
    Set<String> kept = new HashSet<>(settings.keptAccounts());
    try (Connection c = source.getConnection()) {
      for (Map.Entry<String, Planned> e : tables.entrySet()) {
        Planned p = e.getValue();
        Map<String, Integer> positions = positions(p.plan());
        List<ColumnMask> masks = new ArrayList<>();
        for (Map.Entry<Integer, ColumnRule> r : p.byIndex().entrySet()) {
          ColumnRule rule = r.getValue();
          ColumnCast cast = p.plan().columns().get(r.getKey() - 1);
          ValueRule bound;
          if (rule.needsShuffle()) {
            String key = p.plan().source().singleIntegerKey().orElseThrow().name();
            bound =
                rule.bindShuffle(
                    keys,
                    ShufflePool.load(c, database, e.getKey(), key, cast.source().name(), keys));
          } else {
            bound = rule.bind(keys, kept);
          }
          Map<String, Integer> row = new LinkedHashMap<>();
          for (String other : rule.conditionColumns()) {
            row.put(other.toLowerCase(Locale.ROOT), positions.get(other.toLowerCase(Locale.ROOT)));
          }
          if (rule.needsShuffle()) {
            String key = p.plan().source().singleIntegerKey().orElseThrow().name();
            row.put(key.toLowerCase(Locale.ROOT), positions.get(key.toLowerCase(Locale.ROOT)));
          }
          Integer length = cast.target().characterLength();
          masks.add(
              new ColumnMask(
                  r.getKey(),
                  cast.source().name(),
                  rule.kind(),
                  bound,
                  cast.source().type().isInteger(),
                  length == null ? 0 : length,
                  cast.target().notNull(),
                  row));
        }
        out.put(e.getKey(), masks);
      }
    }
    return out;
  }

  /** The report's lines: each table's anonymised columns with their rules. */
  Map<String, List<String>> describe() {
    Map<String, List<String>> out = new TreeMap<>();
    tables.forEach(
        (name, p) -> {
          List<String> cols = new ArrayList<>();
          p.byIndex()
              .forEach(
                  (at, rule) ->
                      cols.add(
                          p.plan().columns().get(at - 1).source().name()
                              + " ("
                              + rule.kind()
                              + ")"));
          out.put(name, cols);
        });
    return out;
  }
}
