package org.moodlemigrate.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;

/**
 * Text not stored as {@code utf8mb4}. A {@code utf8mb3} column arrives unchanged; any other one is
 * converted by the server ({@code CONVERT(col USING utf8mb4)}, see {@code SourceText}), so a {@code
 * latin1} one arrives as the characters MySQL means by its bytes. What the tool cannot know is
 * whether the bytes in a legacy column were really latin1: UTF-8 text stored in a latin1 column (a
 * common mistake of old sites) arrives double-encoded ({@code Ã©} for {@code é}), so those columns
 * are listed to be looked at.
 */
final class CharsetCheck implements Check {
  @Override
  public String name() {
    return "character sets";
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    Map<String, List<String>> byCharset = new TreeMap<>();
    for (TablePlan t : Selected.copied(ctx)) {
      for (SourceColumn c : t.source().columns()) {
        String cs = c.charset() == null ? null : c.charset().toLowerCase(Locale.ROOT);
        if (cs != null && !cs.equals("utf8mb4") && !cs.equals("binary")) {
          byCharset.computeIfAbsent(cs, k -> new ArrayList<>()).add(t.name() + "." + c.name());
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    byCharset.forEach(
        (charset, columns) -> {
          if (charset.equals("utf8mb3") || charset.equals("utf8")) {
            out.add(
                new Finding(
                    "source-charset",
                    Severity.INFO,
                    columns.size()
                        + " column(s) use "
                        + charset
                        + " (Unicode without 4-byte characters); they arrive unchanged: "
                        + Checks.sample(columns),
                    "",
                    columns));
          } else {
            out.add(
                new Finding(
                    "source-charset",
                    Severity.WARNING,
                    columns.size()
                        + " column(s) use "
                        + charset
                        + "; the server converts them from "
                        + charset
                        + " into UTF-8 (a value it can only show with ? is listed as changed): "
                        + Checks.sample(columns),
                    "look at a few values with accents in the target after a rehearsal; if they"
                        + " show as Ã© the column holds UTF-8 bytes declared as "
                        + charset
                        + ": fix it in the source (ALTER ... CONVERT via a binary type)",
                    columns));
          }
        });
    return out;
  }
}
