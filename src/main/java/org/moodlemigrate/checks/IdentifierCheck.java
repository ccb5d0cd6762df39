package org.moodlemigrate.checks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.ddl.NameAllocator;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;

/**
 * Names PostgreSQL cannot hold as they are: longer than 63 bytes (PostgreSQL would cut them,
 * silently), or two names that become one once folded to lower case (MySQL on Linux keeps {@code
 * mdl_User} and {@code mdl_user} apart; tools and people that do not quote will not) or once cut to
 * 63 bytes.
 */
final class IdentifierCheck implements Check {
  @Override
  public String name() {
    return "identifiers";
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    for (TablePlan t : Selected.copied(ctx)) {
      SourceTable table = t.source();
      tables.add(table.name());
      if (!NameAllocator.fits(table.name())) {
        out.add(
            Finding.error(
                "identifier-too-long",
                "table name "
                    + table.name()
                    + " is "
                    + bytes(table.name())
                    + " bytes long; PostgreSQL names hold at most 63",
                "rename the table in the source," + " or leave it out with --exclude",
                table.name()));
      }
      List<String> columns = new ArrayList<>();
      for (SourceColumn c : table.columns()) {
        columns.add(c.name());
        if (!NameAllocator.fits(c.name())) {
          out.add(
              Finding.error(
                  "identifier-too-long",
                  "column name "
                      + table.name()
                      + "."
                      + c.name()
                      + " is "
                      + bytes(c.name())
                      + " bytes long; PostgreSQL names hold at most 63",
                  "rename the column in the source",
                  table.name() + "." + c.name()));
        }
      }
      collisions(columns, "columns of " + table.name(), out, table.name() + ".");
    }
    collisions(tables, "tables", out, "");
    return out;
  }

  private static void collisions(
      List<String> names, String what, List<Finding> out, String prefix) {
    Map<String, List<String>> folded = new HashMap<>();
    Map<String, List<String>> cut = new HashMap<>();
    for (String n : names) {
      folded.computeIfAbsent(n.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(n);
      cut.computeIfAbsent(truncate(n), k -> new ArrayList<>()).add(n);
    }
    for (List<String> group : folded.values()) {
      if (group.size() > 1) {
        out.add(
            new Finding(
                "identifier-collision",
                Severity.ERROR,
                "the "
                    + what
                    + " "
                    + String.join(" and ", group)
                    + " differ only in case; PostgreSQL and Moodle on PostgreSQL fold names to"
                    + " lower case",
                "rename or drop one of them in the source, or exclude it",
                group.stream().map(g -> prefix + g).toList()));
      }
    }
    for (List<String> group : cut.values()) {
      if (group.size() > 1) {
        out.add(
            new Finding(
                "identifier-collision",
                Severity.ERROR,
                "the "
                    + what
                    + " "
                    + String.join(" and ", group)
                    + " are the same in their first 63 bytes, all PostgreSQL keeps",
                "rename one of them in the source",
                group.stream().map(g -> prefix + g).toList()));
      }
    }
  }

  private static String truncate(String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    return b.length <= 63 ? name : new String(b, 0, 63, StandardCharsets.UTF_8);
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
