package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.migration.Migration;
import org.moodlemigrate.migration.RunSettings;
import org.moodlemigrate.plan.SchemaMode;
import org.moodlemigrate.plan.TableSelector;
import org.moodlemigrate.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code moodle-migrate run}: the migration. Parses options into {@link RunSettings}; nothing else.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Copies a Moodle/Totara database from MySQL/MariaDB into a PostgreSQL schema that Moodle's"
          + " installer created: empties the target tables, loads the data only (each value cast to"
          + " the target column's type), resets sequences, sets ownership and analyses the tables.",
      "",
      "Exit status: 0 every table copied; 1 a table or a completion step failed; 2 bad usage; 3"
          + " refused by planning, nothing written; 4 a server unreachable or an unexpected error.",
      ""
    })
public final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ConnectionOptions connection;
  @Mixin LoggingOptions logging;

  @Option(
      names = "--target-schema",
      paramLabel = "SCHEMA",
      defaultValue = RunSettings.DEFAULT_SCHEMA,
      description = "The schema Moodle uses in the target (default: ${DEFAULT-VALUE}).")
  String targetSchema;

  @Option(
      names = "--owner",
      paramLabel = "ROLE",
      description = "Make ROLE (the role Moodle connects as) own the schema, tables and sequences.")
  String owner;

  @Option(
      names = "--include",
      paramLabel = "REGEX",
      description =
          "Copy only source tables whose whole name matches (repeatable; default: every base"
              + " table).")
  List<String> includes = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "REGEX",
      description =
          "Leave out source tables whose whole name matches (repeatable; wins over --include).")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--schema-mode",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "What happens to selected tables the target does not have: auto (default) loads the tables"
              + " that exist and creates the missing ones (Totara's dynamic tables, plugins missing from the"
              + " target); data-only refuses to start when one is missing; create builds every table in an"
              + " empty target.")
  String schemaMode;

  @Option(
      names = "--drop-existing",
      description = "With --schema-mode create: drop and re-create tables that already exist.")
  boolean dropExisting;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "Chunks copied at once; also the connections per side (default: the CPU count, at least"
              + " 2).")
  Integer parallelism;

  @Option(
      names = "--chunk-rows",
      paramLabel = "N",
      defaultValue = "" + RunSettings.DEFAULT_CHUNK_ROWS,
      description =
          "Split tables with an integer key into chunks of about N rows (default:"
              + " ${DEFAULT-VALUE}).")
  long chunkRows;

  @Option(
      names = "--rebuild-indexes-from",
      paramLabel = "ROWS",
      defaultValue = "" + RunSettings.DEFAULT_INDEX_REBUILD_ROWS,
      description =
          "Tables of at least ROWS estimated rows have their non-unique secondary indexes dropped"
              + " before the copy and rebuilt (in parallel) after it, which is much faster than"
              + " maintaining them row by row; 0 for every table (default: ${DEFAULT-VALUE}).")
  long indexRebuildRows;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Write a JSON report of the run.")
  Path report;

  @Option(
      names = "--cast-rules",
      paramLabel = "FILE.yaml",
      description = "Extra cast rules, tried before the built-in ones (see docs/cast-rules.md).")
  Path castRules;

  @Option(
      names = "--journal-schema",
      paramLabel = "SCHEMA",
      defaultValue = RunSettings.DEFAULT_JOURNAL_SCHEMA,
      description =
          "The tool's own schema in the target, for its run journal (default: ${DEFAULT-VALUE}).")
  String journalSchema;

  @Option(
      names = "--beam-arg",
      paramLabel = "ARG",
      hidden = true,
      description = "A Beam pipeline argument, e.g. --beam-arg=--runner=FlinkRunner (repeatable).")
  List<String> beamArgs = new ArrayList<>();

  public RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    logging.apply();
    RunSettings settings =
        RunSettings.builder(connection.sourceEndpoint(context), connection.targetEndpoint(context))
            .targetSchema(targetSchema)
            .owner(owner)
            .selector(TableSelector.of(includes, excludes))
            .schemaMode(SchemaMode.parse(schemaMode))
            .dropExisting(dropExisting)
            .parallelism(parallelism == null ? RunSettings.defaultParallelism() : parallelism)
            .chunkRows(chunkRows)
            .indexRebuildRows(indexRebuildRows)
            .report(report)
            .castRules(castRules == null ? CastRuleSet.defaults() : CastRuleSet.withUserRules(castRules))
            .journalSchema(journalSchema)
            .beamArgs(beamArgs)
            .build();
    Migration.Outcome outcome = Migration.run(settings);
    ReportWriter.printSummary(outcome.report(), context.out(), context.err());
    return outcome.exitCode();
  }
}
