package org.moodlemigrate.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.plan.TableSelector;

/**
 * Everything a run needs, validated once. Built by the CLI from options (or by the demo and tests
 * directly).
 *
 * @param source the source endpoint, password included
 * @param target the target endpoint, password included
 * @param targetSchema the schema Moodle uses in the target ({@code public} unless told otherwise)
 * @param owner the role that must own the schema, tables and sequences afterwards; null to leave
 *     ownership alone
 * @param selector which source tables to take
 * @param parallelism how many chunks are copied at once
 * @param chunkRows about how many rows one chunk holds
 * @param indexRebuildRows tables estimated at this many rows or more have their secondary indexes
 *     dropped before the copy and rebuilt after it; {@code Long.MAX_VALUE} never
 * @param report where to write the JSON report; null for none
 * @param castRules the cast rules in force
 * @param journalSchema the journal's schema in the target
 * @param beamArgs extra Beam pipeline arguments ({@code --runner=...}); usually empty
 */
public record RunSettings(
    Endpoint source,
    Endpoint target,
    String targetSchema,
    String owner,
    TableSelector selector,
    int parallelism,
    long chunkRows,
    long indexRebuildRows,
    Path report,
    CastRuleSet castRules,
    String journalSchema,
    List<String> beamArgs) {

  public static final String DEFAULT_SCHEMA = "public";
  public static final String DEFAULT_JOURNAL_SCHEMA = "moodle_migrate";
  public static final long DEFAULT_CHUNK_ROWS = 100_000;
  public static final long DEFAULT_INDEX_REBUILD_ROWS = 50_000;

  public RunSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    targetSchema = targetSchema == null || targetSchema.isBlank() ? DEFAULT_SCHEMA : targetSchema;
    journalSchema =
        journalSchema == null || journalSchema.isBlank() ? DEFAULT_JOURNAL_SCHEMA : journalSchema;
    selector = selector == null ? TableSelector.all() : selector;
    castRules = castRules == null ? CastRuleSet.defaults() : castRules;
    beamArgs = beamArgs == null ? List.of() : List.copyOf(beamArgs);
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
    }
    if (indexRebuildRows < 0) {
      throw new IllegalArgumentException(
          "--rebuild-indexes-from must not be negative, got " + indexRebuildRows);
    }
    if (chunkRows < 1) {
      throw new IllegalArgumentException("--chunk-rows must be at least 1, got " + chunkRows);
    }
    if (journalSchema.equals(targetSchema)) {
      throw new IllegalArgumentException(
          "--journal-schema must differ from --target-schema (both are '" + targetSchema + "')");
    }
  }

  /** The default parallelism: the machine's cores, at least 2 (copying mostly waits on I/O). */
  public static int defaultParallelism() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /** Settings with defaults for everything but the endpoints. */
  public static RunSettings of(Endpoint source, Endpoint target) {
    return new RunSettings(
        source,
        target,
        DEFAULT_SCHEMA,
        null,
        TableSelector.all(),
        defaultParallelism(),
        DEFAULT_CHUNK_ROWS,
        DEFAULT_INDEX_REBUILD_ROWS,
        null,
        CastRuleSet.defaults(),
        DEFAULT_JOURNAL_SCHEMA,
        List.of());
  }

  public RunSettings withOwner(String role) {
    return new RunSettings(
        source,
        target,
        targetSchema,
        role,
        selector,
        parallelism,
        chunkRows,
        indexRebuildRows,
        report,
        castRules,
        journalSchema,
        beamArgs);
  }

  public RunSettings withSelector(TableSelector newSelector) {
    return new RunSettings(
        source,
        target,
        targetSchema,
        owner,
        newSelector,
        parallelism,
        chunkRows,
        indexRebuildRows,
        report,
        castRules,
        journalSchema,
        beamArgs);
  }

  public RunSettings withParallelism(int n) {
    return new RunSettings(
        source,
        target,
        targetSchema,
        owner,
        selector,
        n,
        chunkRows,
        indexRebuildRows,
        report,
        castRules,
        journalSchema,
        beamArgs);
  }

  public RunSettings withChunkRows(long n) {
    return new RunSettings(
        source,
        target,
        targetSchema,
        owner,
        selector,
        parallelism,
        n,
        indexRebuildRows,
        report,
        castRules,
        journalSchema,
        beamArgs);
  }

  public RunSettings withReport(Path file) {
    return new RunSettings(
        source,
        target,
        targetSchema,
        owner,
        selector,
        parallelism,
        chunkRows,
        indexRebuildRows,
        file,
        castRules,
        journalSchema,
        beamArgs);
  }

  public RunSettings withIndexRebuildRows(long rows) {
    return new RunSettings(
        source,
        target,
        targetSchema,
        owner,
        selector,
        parallelism,
        chunkRows,
        rows,
        report,
        castRules,
        journalSchema,
        beamArgs);
  }

  public RunSettings withTargetSchema(String schema) {
    return new RunSettings(
        source,
        target,
        schema,
        owner,
        selector,
        parallelism,
        chunkRows,
        indexRebuildRows,
        report,
        castRules,
        journalSchema,
        beamArgs);
  }
}
