package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.plan.SchemaMode;
import org.moodlemigrate.plan.TableSelector;
import org.moodlemigrate.settings.RunSettings;
import picocli.CommandLine.Option;

/**
 * What a run would do and how: the options {@code run}, {@code check} and {@code plan} share, so
 * that a rehearsal's {@code check} and {@code plan} look at exactly what its {@code run} will do.
 */
public final class PlanOptions {
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
          "What happens to selected tables the target does not have: auto (default) loads the"
              + " tables that exist and creates the missing ones (Totara's dynamic tables, plugins"
              + " missing from the target), but refuses a target without the Moodle schema (run"
              + " Moodle's installer first); data-only refuses to start when one is missing;"
              + " create builds every table in an empty target.")
  String schemaMode;

  @Option(
      names = "--drop-existing",
      description = "With --schema-mode create: drop and re-create tables that already exist.")
  boolean dropExisting;

  @Option(
      names = "--allow-version-mismatch",
      description =
          "Load even when the target's Moodle version differs from the source's (upgrade it right"
              + " after).")
  boolean allowVersionMismatch;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "Chunks copied at once; also the copy's connections to each side, however many"
              + " workers share the copy (default: the CPU count, at least 2).")
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
              + " before the copy and rebuilt (in parallel) after it; 0 for every table (default:"
              + " ${DEFAULT-VALUE}).")
  long indexRebuildRows;

  @Option(
      names = "--cast-rules",
      paramLabel = "FILE.yaml",
      description = "Extra cast rules, tried before the built-in ones (see docs/cast-rules.md).")
  Path castRules;

  @Option(
      names = "--on-nul",
      paramLabel = "fail|strip|replace:C",
      defaultValue = "strip",
      description =
          "NUL characters in text, which PostgreSQL cannot store: strip removes them (default),"
              + " replace:C puts the character C (or replace:U+FFFD) in their place, fail rejects"
              + " the row. Every row changed is reported with its key.")
  String onNul;

  @Option(
      names = "--on-zero-date",
      paramLabel = "null|fail",
      defaultValue = "null",
      description =
          "Zero dates (0000-00-00, or a zero month or day): null writes NULL and reports the row"
              + " (default; a NOT NULL column rejects the row), fail rejects the row.")
  String onZeroDate;

  @Option(
      names = "--max-rejects",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Rows per table that may be rejected (written to the reject file) before the table"
              + " fails (default: ${DEFAULT-VALUE}: the first rejected row fails its table).")
  long maxRejects;

  @Option(
      names = "--journal-schema",
      paramLabel = "SCHEMA",
      defaultValue = RunSettings.DEFAULT_JOURNAL_SCHEMA,
      description =
          "The tool's own schema in the target, for its run journal (default: ${DEFAULT-VALUE}).")
  String journalSchema;

  @Option(
      names = "--server-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "How long the copy waits on a server that does not answer (paused, half-open"
              + " connection) before it abandons the attempt at a chunk, which then counts as a"
              + " failed attempt and is retried (default: ${DEFAULT-VALUE}).")
  long serverTimeoutSeconds;

  /** Settings with these options; the caller adds what only it has. */
  RunSettings.Builder settings(Endpoint source, Endpoint target) {
    return RunSettings.builder(source, target)
        .targetSchema(targetSchema)
        .owner(owner)
        .selector(TableSelector.of(includes, excludes))
        .schemaMode(SchemaMode.parse(schemaMode))
        .dropExisting(dropExisting)
        .allowVersionMismatch(allowVersionMismatch)
        .parallelism(parallelism == null ? RunSettings.defaultParallelism() : parallelism)
        .chunkRows(chunkRows)
        .indexRebuildRows(indexRebuildRows)
        .castRules(
            castRules == null ? CastRuleSet.defaults() : CastRuleSet.withUserRules(castRules))
        .journalSchema(journalSchema)
        .serverTimeout(java.time.Duration.ofSeconds(serverTimeoutSeconds))
        .valuePolicy(ValuePolicy.parse(onNul, onZeroDate, maxRejects));
  }
}
