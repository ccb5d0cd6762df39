package org.moodlemigrate.transforms;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.connect.RetryPolicy;

/**
 * Everything a worker needs: where both sides are (with their passwords, which never appear in
 * {@link #toString()}), the journal, and every table's spec. The copy DoFn holds it without the
 * specs, which travel with the elements ({@link CopyWork}).
 *
 * @param runId the journal's run id
 * @param source the source endpoint
 * @param target the target endpoint
 * @param journalSchema the journal's schema in the target
 * @param connectionsPerSide the pool size on each side
 * @param policy what happens to values PostgreSQL cannot take as they are
 * @param retry how chunks that fail transiently are tried again
 * @param serverTimeout how long an attempt at a chunk may wait on a server without an answer before
 *     it is abandoned ({@link ChunkWatch})
 * @param tables the spec of every table to copy, by source table name
 */
public record CopyJob(
    long runId,
    Endpoint source,
    Endpoint target,
    String journalSchema,
    int connectionsPerSide,
    ValuePolicy policy,
    RetryPolicy retry,
    Duration serverTimeout,
    Map<String, TableCopySpec> tables)
    implements Serializable {

  /** The default of {@code --server-timeout}. */
  public static final Duration DEFAULT_SERVER_TIMEOUT = DataSources.DEFAULT_SERVER_TIMEOUT;

  public CopyJob {
    tables = Map.copyOf(tables);
    serverTimeout = serverTimeout == null ? DEFAULT_SERVER_TIMEOUT : serverTimeout;
    policy = policy == null ? ValuePolicy.DEFAULT : policy;
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
  }

  /**
   * This job with no table specs: what the copy DoFn holds, its elements bringing their own ({@link
   * CopyWork}).
   */
  public CopyJob withoutTables() {
    return withTables(Map.of());
  }

  /** This job for the given tables only. */
  public CopyJob withTables(Map<String, TableCopySpec> specs) {
    return new CopyJob(
        runId,
        source,
        target,
        journalSchema,
        connectionsPerSide,
        policy,
        retry,
        serverTimeout,
        specs);
  }

  public TableCopySpec table(String name) {
    TableCopySpec spec = tables.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("no copy spec for table " + name);
    }
    return spec;
  }

  @Override
  public String toString() {
    return "CopyJob[run "
        + runId
        + ", "
        + source.describe()
        + " -> "
        + target.describe()
        + ", "
        + tables.size()
        + " tables]";
  }
}
