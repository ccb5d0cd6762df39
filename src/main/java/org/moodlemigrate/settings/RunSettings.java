package org.moodlemigrate.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.moodlemigrate.casts.CastRuleSet;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.connect.RetryPolicy;
import org.moodlemigrate.plan.SchemaMode;
import org.moodlemigrate.plan.TableSelector;
import org.moodlemigrate.verify.VerifyLevel;

/**
 * Everything a run needs, validated once; messages name the option at fault. Built by the CLI from
 * options (or by the demo and tests) through {@link #builder}.
 *
 * @param source the source endpoint, password included
 * @param target the target endpoint, password included
 * @param targetSchema the schema Moodle uses in the target ({@code public} unless told otherwise)
 * @param owner the role that must own the schema, tables and sequences afterwards; null to leave
 *     ownership alone
 * @param selector which source tables to take
 * @param schemaMode what happens to tables the target does not have
 * @param dropExisting with {@link SchemaMode#CREATE}: replace tables that exist
 * @param parallelism how many chunks are copied at once
 * @param chunkRows about how many rows one chunk holds
 * @param indexRebuildRows tables estimated at this many rows or more have their secondary indexes
 *     dropped before the copy and rebuilt after it
 * @param report where to write the JSON report; null for none
 * @param castRules the cast rules in force
 * @param journalSchema the journal's schema in the target
 * @param runner which Beam runner copies the chunks, and where ({@code --runner}, {@code
 *     --flink-master}), with any extra Beam arguments
 * @param allowVersionMismatch load into a target whose Moodle version differs from the source's
 * @param skipChecks start without the pre-flight checks (planning problems still stop the run)
 * @param valuePolicy NUL characters, zero dates and rejected rows ({@code --on-nul}, {@code
 *     --on-zero-date}, {@code --max-rejects})
 * @param rejectsDir where the run writes each table's file of rejected rows and changed values
 * @param retry how chunks that fail transiently are tried again ({@code --retries})
 * @param resume continue the latest unfinished run instead of starting one ({@code --resume})
 * @param verify what the run checks at its end ({@code --verify}); null for nothing ({@code
 *     --no-verify})
 * @param serverTimeout how long the copy waits on a server that does not answer before it abandons
 *     the attempt ({@code --server-timeout}); also the drivers' socket timeout
 * @param copyDigest whether each chunk's rows are digested as read and as stored before it commits
 *     ({@code --no-copy-digest} turns it off)
 * @param sandbox what makes the run a sandbox refresh (anonymisation, kept rows, post-refresh
 *     actions); null for a plain copy
 */
public record RunSettings(
    Endpoint source,
    Endpoint target,
    String targetSchema,
    String owner,
    TableSelector selector,
    SchemaMode schemaMode,
    boolean dropExisting,
    int parallelism,
    long chunkRows,
    long indexRebuildRows,
    Path report,
    CastRuleSet castRules,
    String journalSchema,
    RunnerSettings runner,
    boolean allowVersionMismatch,
    boolean skipChecks,
    ValuePolicy valuePolicy,
    Path rejectsDir,
    RetryPolicy retry,
    boolean resume,
    VerifyLevel verify,
    Duration serverTimeout,
    boolean copyDigest,
    SandboxSettings sandbox) {

  public static final String DEFAULT_SCHEMA = "public";
  public static final String DEFAULT_JOURNAL_SCHEMA = "moodle_migrate";
  public static final long DEFAULT_CHUNK_ROWS = 100_000;
  public static final long DEFAULT_INDEX_REBUILD_ROWS = 50_000;
  public static final String DEFAULT_REJECTS_DIR = "moodle-migrate-rejects";

  /** The default of {@code --server-timeout}. */
  public static final Duration DEFAULT_SERVER_TIMEOUT = DataSources.DEFAULT_SERVER_TIMEOUT;

  /**
   * Whether {@code run} digests each chunk unless told otherwise (the figures that chose it are in
   * docs/cli.md).
   */
  public static final boolean DEFAULT_COPY_DIGEST = true;

  /** What {@code run} verifies at its end unless told otherwise: exact row counts. */
  public static final VerifyLevel DEFAULT_RUN_VERIFY = VerifyLevel.COUNTS;

  public RunSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    targetSchema = targetSchema == null || targetSchema.isBlank() ? DEFAULT_SCHEMA : targetSchema;
    journalSchema =
        journalSchema == null || journalSchema.isBlank() ? DEFAULT_JOURNAL_SCHEMA : journalSchema;
    selector = selector == null ? TableSelector.all() : selector;
    schemaMode = schemaMode == null ? SchemaMode.AUTO : schemaMode;
    castRules = castRules == null ? CastRuleSet.defaults() : castRules;
    runner = runner == null ? RunnerSettings.DIRECT : runner;
    valuePolicy = valuePolicy == null ? ValuePolicy.DEFAULT : valuePolicy;
    rejectsDir = rejectsDir == null ? Path.of(DEFAULT_REJECTS_DIR) : rejectsDir;
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
    serverTimeout = serverTimeout == null ? DEFAULT_SERVER_TIMEOUT : serverTimeout;
    if (serverTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "--server-timeout must be at least 1 second, got " + serverTimeout.toSeconds());
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
    }
    if (chunkRows < 1) {
      throw new IllegalArgumentException("--chunk-rows must be at least 1, got " + chunkRows);
    }
    if (indexRebuildRows < 0) {
      throw new IllegalArgumentException(
          "--rebuild-indexes-from must not be negative, got " + indexRebuildRows);
    }
    if (dropExisting && schemaMode != SchemaMode.CREATE) {
      throw new IllegalArgumentException("--drop-existing only goes with --schema-mode create");
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

  /**
   * These settings as a resumed run plans with them: the tables the interrupted run created exist
   * now, and are loaded into ({@link SchemaMode#AUTO}) rather than created, let alone replaced.
   */
  public RunSettings forResume() {
    return new RunSettings(
        source,
        target,
        targetSchema,
        owner,
        selector,
        SchemaMode.AUTO,
        false,
        parallelism,
        chunkRows,
        indexRebuildRows,
        report,
        castRules,
        journalSchema,
        runner,
        allowVersionMismatch,
        skipChecks,
        valuePolicy,
        rejectsDir,
        retry,
        resume,
        verify,
        serverTimeout,
        copyDigest,
        sandbox);
  }

  /** A builder with every default set. */
  public static Builder builder(Endpoint source, Endpoint target) {
    return new Builder(source, target);
  }

  /** Builds {@link RunSettings}; every setter has the default of its command-line option. */
  public static final class Builder {
    private final Endpoint source;
    private final Endpoint target;
    private String targetSchema = DEFAULT_SCHEMA;
    private String owner;
    private TableSelector selector = TableSelector.all();
    private SchemaMode schemaMode = SchemaMode.AUTO;
    private boolean dropExisting;
    private int parallelism = defaultParallelism();
    private long chunkRows = DEFAULT_CHUNK_ROWS;
    private long indexRebuildRows = DEFAULT_INDEX_REBUILD_ROWS;
    private Path report;
    private CastRuleSet castRules = CastRuleSet.defaults();
    private String journalSchema = DEFAULT_JOURNAL_SCHEMA;
    private RunnerSettings runner = RunnerSettings.DIRECT;
    private boolean allowVersionMismatch;
    private boolean skipChecks;
    private ValuePolicy valuePolicy = ValuePolicy.DEFAULT;
    private Path rejectsDir = Path.of(DEFAULT_REJECTS_DIR);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private boolean resume;
    private VerifyLevel verify = DEFAULT_RUN_VERIFY;
    private Duration serverTimeout = DEFAULT_SERVER_TIMEOUT;
    private boolean copyDigest = DEFAULT_COPY_DIGEST;
    private SandboxSettings sandbox;

    private Builder(Endpoint source, Endpoint target) {
      this.source = source;
      this.target = target;
    }

    public Builder targetSchema(String value) {
      this.targetSchema = value;
      return this;
    }

    public Builder owner(String value) {
      this.owner = value;
      return this;
    }

    public Builder selector(TableSelector value) {
      this.selector = value;
      return this;
    }

    public Builder schemaMode(SchemaMode value) {
      this.schemaMode = value;
      return this;
    }

    public Builder dropExisting(boolean value) {
      this.dropExisting = value;
      return this;
    }

    public Builder parallelism(int value) {
      this.parallelism = value;
      return this;
    }

    public Builder chunkRows(long value) {
      this.chunkRows = value;
      return this;
    }

    public Builder indexRebuildRows(long value) {
      this.indexRebuildRows = value;
      return this;
    }

    public Builder report(Path value) {
      this.report = value;
      return this;
    }

    public Builder castRules(CastRuleSet value) {
      this.castRules = value;
      return this;
    }

    public Builder journalSchema(String value) {
      this.journalSchema = value;
      return this;
    }

    /** Extra Beam arguments, on the runner chosen so far. */
    public Builder beamArgs(List<String> value) {
      this.runner = runner.withBeamArgs(value);
      return this;
    }

    /** The runner, with its own Beam arguments. */
    public Builder runner(RunnerSettings value) {
      this.runner = value;
      return this;
    }

    public Builder allowVersionMismatch(boolean value) {
      this.allowVersionMismatch = value;
      return this;
    }

    public Builder skipChecks(boolean value) {
      this.skipChecks = value;
      return this;
    }

    public Builder valuePolicy(ValuePolicy value) {
      this.valuePolicy = value;
      return this;
    }

    public Builder rejectsDir(Path value) {
      this.rejectsDir = value;
      return this;
    }

    public Builder retry(RetryPolicy value) {
      this.retry = value;
      return this;
    }

    public Builder resume(boolean value) {
      this.resume = value;
      return this;
    }

    /** The verification level at the end of the run; null for none. */
    public Builder verify(VerifyLevel value) {
      this.verify = value;
      return this;
    }

    /** Whether each chunk is digested as read and as stored before it commits. */
    public Builder copyDigest(boolean value) {
      this.copyDigest = value;
      return this;
    }

    /** How long a server may stay silent before an attempt is abandoned. */
    public Builder serverTimeout(Duration value) {
      this.serverTimeout = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option when a value is not valid
     */
    /** Makes the run a sandbox refresh; null for a plain copy. */
    public Builder sandbox(SandboxSettings value) {
      this.sandbox = value == null || !value.any() ? null : value;
      return this;
    }

    public RunSettings build() {
      return new RunSettings(
          source,
          target,
          targetSchema,
          owner,
          selector,
          schemaMode,
          dropExisting,
          parallelism,
          chunkRows,
          indexRebuildRows,
          report,
          castRules,
          journalSchema,
          runner,
          allowVersionMismatch,
          skipChecks,
          valuePolicy,
          rejectsDir,
          retry,
          resume,
          verify,
          serverTimeout,
          copyDigest,
          sandbox);
    }
  }
}
