package org.moodlemigrate.pipelines;

import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.beam.sdk.transforms.DoFn;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.connect.EndpointFiles;
import org.moodlemigrate.connect.SharedDataSources;
import org.moodlemigrate.verify.ChunkCheck;
import org.moodlemigrate.verify.ChunkResult;
import org.moodlemigrate.verify.RunAnomalies;
import org.moodlemigrate.verify.VerifyLevel;
import org.moodlemigrate.verify.VerifyWork;

/**
 * Verifies chunks on a worker of the verification pipeline ({@link VerifyPipeline}) and leaves
 * each result where the driver finds it ({@link VerifyResults}). Pools are the worker JVM's shared
 * ones, {@code connections} to each side, each chunk using one of each while it is compared: the
 * verification holds the connections the copy held ({@code ConnectionBudget}).
 */
final class VerifyChunkFn extends DoFn<VerifyWork, Void> {
  private static final long serialVersionUID = 1L;

  private final Endpoint source;
  private final Endpoint target;
  private final int connections;
  private final Duration serverTimeout;
  private final VerifyLevel level;
  private final RunAnomalies.Source anomaliesSource;
  private final VerifyResults results;
  private transient DataSource sourcePool;
  private transient DataSource targetPool;
  private transient RunAnomalies anomalies;

  VerifyChunkFn(
      Endpoint source,
      Endpoint target,
      int connections,
      Duration serverTimeout,
      VerifyLevel level,
      RunAnomalies.Source anomaliesSource,
      VerifyResults results) {
    this.source = source;
    this.target = target;
    this.connections = connections;
    this.serverTimeout = serverTimeout;
    this.level = level;
    this.anomaliesSource = anomaliesSource;
    this.results = results;
  }

  @Setup
  public void setup() {
    EndpointFiles.requireOnThisMachine(source, "source");
    EndpointFiles.requireOnThisMachine(target, "target");
    sourcePool =
        SharedDataSources.acquire(source, ConnectionRole.SOURCE_READ, connections, serverTimeout);
    targetPool = SharedDataSources.acquire(target, ConnectionRole.ADMIN, connections, serverTimeout);
    anomalies = anomaliesSource.open(targetPool);
  }

  @ProcessElement
  public void processElement(@Element VerifyWork work) throws SQLException {
    ChunkResult result = ChunkCheck.run(sourcePool, targetPool, work, level, anomalies);
    results.put(targetPool, work.index(), result);
  }

  @Teardown
  public void teardown() {
    if (sourcePool != null) {
      SharedDataSources.release(source, ConnectionRole.SOURCE_READ);
      sourcePool = null;
    }
    if (targetPool != null) {
      SharedDataSources.release(target, ConnectionRole.ADMIN);
      targetPool = null;
    }
  }
}
