package org.moodlemigrate.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.moodlemigrate.plan.SchemaMode;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;
import org.moodlemigrate.sql.Identifiers;

/**
 * Moodle/Totara detection and version match, as Moodle's own transfer tool insists on: a data-only
 * load puts the source's rows into the target's tables, which is only right when both run the same
 * Moodle (a different version has other columns and other upgrade steps still to run). A version
 * mismatch is an error unless {@code --allow-version-mismatch}; differing plugins are a warning.
 * The target's PostgreSQL is also held against what that Moodle release requires.
 */
final class MoodleSiteCheck implements Check {
  @Override
  public String name() {
    return "Moodle site";
  }

  @Override
  public List<Finding> run(CheckContext ctx) throws SQLException {
    List<Finding> out = new ArrayList<>();
    Optional<String> prefix = MoodleSite.prefix(ctx.sourceCatalog().tables().keySet());
    if (prefix.isEmpty()) {
      out.add(
          Finding.warning(
              "not-a-moodle-site",
              "the source database "
                  + ctx.sourceCatalog().database()
                  + " has no <prefix>config and <prefix>config_plugins"
                  + " tables; it does not look like a Moodle or Totara site",
              "check --source; the tool copies any MySQL database, but the Moodle checks are"
                  + " skipped"));
      if (ctx.settings().schemaMode() == SchemaMode.AUTO
          && !ctx.settings().resume()
          && ctx.plan().loaded().isEmpty()
          && !ctx.plan().created().isEmpty()) {
        out.add(
            Finding.error(
                "target-schema-missing",
                "none of the "
                    + ctx.plan().created().size()
                    + " selected tables exists in the target schema "
                    + ctx.settings().targetSchema()
                    + " of "
                    + ctx.settings().target().describe()
                    + ": a wrong --target, or its schema not made yet",
                "check --target and --target-schema; to build every table from the source, pass"
                    + " --schema-mode create"));
      }
      return out;
    }
    String p = prefix.get();
    MoodleSite source;
    try (Connection c = ctx.source().getConnection()) {
      String db = ctx.sourceCatalog().database();
      source = MoodleSite.read(c, p, t -> Identifiers.mysql(db, t));
    }
    out.add(
        Finding.info("moodle-site", "the source is " + source.describe() + ", table prefix " + p));

    if (!source.isTotara()) {
      source
          .branch()
          .flatMap(b -> MoodleRequirements.forBranch(b[0], b[1]))
          .ifPresent(
              r -> {
                int pg = ctx.targetCatalog().server().major();
                if (pg < r.postgres()) {
                  out.add(
                      Finding.error(
                          "moodle-database-requirement",
                          "Moodle "
                              + r.moodle()
                              + " and later need PostgreSQL "
                              + r.postgres()
                              + " or later; the target runs "
                              + ctx.targetCatalog().server(),
                          "upgrade PostgreSQL before moving the site to it"));
                }
              });
    }

    var targetTables = ctx.targetCatalog().tables().keySet();
    if (!targetTables.contains(p + "config") || !targetTables.contains(p + "config_plugins")) {
      out.add(targetWithoutMoodle(ctx, p));
      return out;
    }
    MoodleSite target;
    try (Connection c = ctx.target().getConnection()) {
      String schema = ctx.settings().targetSchema();
      target = MoodleSite.read(c, p, t -> Identifiers.postgres(schema, t));
    }
    if (target.version() == null) {
      out.add(
          Finding.warning(
              "moodle-target-version-unknown",
              "the target's "
                  + p
                  + "config records no version: its schema was not made by Moodle's installer"
                  + " (or its rows were removed), so the versions cannot be compared",
              "install the target with Moodle's installer (admin/cli/install_database.php), or compare"
                  + " the schemas by hand",
              p + "config"));
      return out;
    }
    if (!equal(source.version(), target.version())
        || !equal(source.totaraRelease(), target.totaraRelease())) {
      String message =
          "the source is "
              + source.describe()
              + " but the target schema was installed by "
              + target.describe()
              + "; loading data into another version's tables breaks the site";
      String fix =
          "install exactly the source's Moodle (same version.php) on the target, or pass"
              + " --allow-version-mismatch if you will upgrade the target right after the load";
      out.add(
          ctx.settings().allowVersionMismatch()
              ? Finding.warning("moodle-version-mismatch", message, fix, p + "config")
              : Finding.error("moodle-version-mismatch", message, fix, p + "config"));
    }
    List<String> differences = pluginDifferences(source.plugins(), target.plugins());
    if (!differences.isEmpty()) {
      out.add(
          new Finding(
              "moodle-plugin-mismatch",
              Severity.WARNING,
              differences.size()
                  + " plugin(s) differ between source and target: "
                  + Checks.sample(differences),
              "install the same plugins, at the same versions, on the target before the cutover",
              List.of(p + "config_plugins")));
    }
    return out;
  }

  /**
   * The target has no Moodle schema. Creating all of it from the source works, but the result is
   * not quite the installer's (Moodle's own generator names some indexes and defaults its way), and
   * the usual cause is a mistake — a wrong {@code --target}, or the installer step forgotten — so
   * only an explicit {@code --schema-mode create} builds it; the proven recipe is "installer
   * first".
   */
  static Finding targetWithoutMoodle(CheckContext ctx, String prefix) {
    String where =
        "the target schema "
            + ctx.settings().targetSchema()
            + " of "
            + ctx.settings().target().describe()
            + " has no Moodle schema (no "
            + prefix
            + "config and "
            + prefix
            + "config_plugins tables)";
    if (ctx.settings().schemaMode() == SchemaMode.CREATE || ctx.settings().resume()) {
      // A resumed run plans in auto mode; the run it continues was allowed to create the schema.
      return Finding.info(
          "moodle-target-empty", where + "; --schema-mode create builds it from the source");
    }
    return Finding.error(
        "target-schema-missing",
        where + ": a wrong --target, or Moodle's installer not run on it yet",
        "check --target; then install the schema with the same Moodle code, its config.php"
            + " pointing at this database: php admin/cli/install_database.php --agree-license"
            + " --fullname=... --shortname=... --adminpass=... (the rows it writes are replaced by"
            + " the source's), or pass --schema-mode create to build every table from the source");
  }

  private static List<String> pluginDifferences(
      Map<String, String> source, Map<String, String> target) {
    List<String> out = new ArrayList<>();
    for (String plugin : new TreeSet<>(source.keySet())) {
      String t = target.get(plugin);
      if (t == null) {
        out.add(plugin + " (missing on the target)");
      } else if (!t.equals(source.get(plugin))) {
        out.add(plugin + " (" + source.get(plugin) + " → " + t + ")");
      }
    }
    for (String plugin : new TreeSet<>(target.keySet())) {
      if (!source.containsKey(plugin)) {
        out.add(plugin + " (only on the target)");
      }
    }
    return out;
  }

  private static boolean equal(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }
}
