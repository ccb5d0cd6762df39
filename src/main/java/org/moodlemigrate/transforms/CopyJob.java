package org.moodlemigrate.transforms;

import java.io.Serializable;
import java.util.Map;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.connect.RetryPolicy;

/**
 * Everything a worker needs, shipped once with the DoFn: where both sides are (with their
 * passwords, which never appear in {@link #toString()}), the journal, and every table's spec.
 *
 * @param runId the journal's run id
 * @param source the source endpoint
 * @param target the target endpoint
 * @param journalSchema the journal's schema in the target
 * @param connectionsPerSide the pool size on each side
 * @param policy what happens to values PostgreSQL cannot take as they are
 * @param retry how chunks that fail transiently are tried again
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
    Map<String, TableCopySpec> tables)
    implements Serializable {

  public CopyJob {
    tables = Map.copyOf(tables);
    policy = policy == null ? ValuePolicy.DEFAULT : policy;
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
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
