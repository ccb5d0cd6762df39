package org.moodlemigrate.checks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.moodlemigrate.report.Finding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every pre-flight check and gathers what they find, errors first. A check that fails itself
 * (a query refused, a server gone) becomes an error finding naming the check, so that one broken
 * check never hides the others' findings.
 */
public final class Checks {
  private static final Logger LOG = LoggerFactory.getLogger(Checks.class);
  private static final int SAMPLE = 10;

  private Checks() {}

  /** The checks, in the order they run and are reported. */
  static List<Check> all() {
    return List.of(
        new ServerVersionCheck(),
        new MoodleSiteCheck(),
        new PlanCheck(),
        new IdentifierCheck(),
        new CharsetCheck(),
        new PrimaryKeyCheck(),
        new DataFitCheck(),
        new SourcePrivilegeCheck(),
        new TargetPrivilegeCheck(),
        new ServerSettingsCheck(),
        new SizeCheck(),
        new SourceActivityCheck(),
        new TargetRowsCheck());
  }

  /** Every check's findings, errors first, then warnings, then information. */
  public static List<Finding> run(CheckContext ctx) {
    return run(ctx, all());
  }

  /** Only the plan's own findings: what {@code --skip-checks} still refuses on. */
  public static List<Finding> planOnly(CheckContext ctx) {
    return run(ctx, List.of(new PlanCheck()));
  }

  static List<Finding> run(CheckContext ctx, List<Check> checks) {
    List<Finding> out = new ArrayList<>();
    for (Check check : checks) {
      long t0 = System.nanoTime();
      try {
        out.addAll(check.run(ctx));
      } catch (SQLException | RuntimeException e) {
        String message =
            e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        out.add(
            Finding.error(
                "check-failed",
                "the " + check.name() + " check could not run: " + message,
                "fix the cause, or pass --skip-checks if you know better"));
      }
      LOG.debug("check {} took {} ms", check.name(), (System.nanoTime() - t0) / 1_000_000);
    }
    out.sort(Comparator.comparing(Finding::severity));
    return out;
  }

  /** The first few names of a list, for messages: {@code a, b, c and 12 more}. */
  static String sample(List<String> names) {
    if (names.size() <= SAMPLE) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, SAMPLE))
        + " and "
        + (names.size() - SAMPLE)
        + " more";
  }
}
