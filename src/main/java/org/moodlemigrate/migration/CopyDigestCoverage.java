package org.moodlemigrate.migration;

import java.util.ArrayList;
import java.util.List;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;
import org.moodlemigrate.transforms.CopyDigest;

/**
 * Says, once, which columns the copy digest leaves out ({@link CopyDigest}): their rows are counted
 * and their values carried as always, but what exit status 0 proves about their values is less, and
 * {@code verify --verify checksums} is what compares them.
 */
final class CopyDigestCoverage {
  private CopyDigestCoverage() {}

  static List<Finding> of(List<TablePlan> tables) {
    List<String> uncovered = new ArrayList<>();
    for (TablePlan t : tables) {
      CopyDigest d = CopyDigest.of(t.columns());
      if (d == null) {
        t.columns().forEach(c -> uncovered.add(t.name() + "." + c.source().name()));
      } else {
        d.uncovered().forEach(c -> uncovered.add(t.name() + "." + c));
      }
    }
    if (uncovered.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Finding(
            "copy-digest-columns",
            Severity.INFO,
            uncovered.size()
                + " column(s) are not compared by the copy digest (their values print differently"
                + " on the two servers), only their rows counted: "
                + String.join(", ", uncovered.subList(0, Math.min(10, uncovered.size())))
                + (uncovered.size() > 10 ? " and " + (uncovered.size() - 10) + " more" : ""),
            "run verify --verify checksums (or run --verify checksums) to compare them value by"
                + " value",
            uncovered));
  }
}
