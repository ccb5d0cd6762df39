package org.moodlemigrate.pipelines;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.settings.RunnerSettings;
import org.moodlemigrate.verify.ChunkResult;
import org.moodlemigrate.verify.RunAnomalies;
import org.moodlemigrate.verify.VerifyLevel;
import org.moodlemigrate.verify.VerifyWork;
import org.moodlemigrate.verify.VerifyWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification as a pipeline: {@code Create(chunks) → Reshuffle → VerifyChunkFn}, on the run's
 * runner, so that on a Flink cluster the chunks are compared by the task managers, as they were
 * copied, rather than by the driver's threads. The elements are chunks to compare (the table's plan
 * and a key range); rows stay in the workers' streams, as in the copy.
 *
 * <p>Results come back through {@link VerifyResults}: a table of this JVM when the workers run in
 * it, the journal's {@code verify_result} table (created when the journal is) when they run
 * elsewhere, read back and deleted once the pipeline ends. Progress is logged from there every
 * {@code progressEvery}.
 */
public final class VerifyPipeline implements VerifyWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(VerifyPipeline.class);

  private final RunnerSettings runner;
  private final Endpoint source;
  private final Endpoint target;
  private final int parallelism;
  private final Duration serverTimeout;
  private final RunAnomalies.Source anomalies;
  private final DataSource driverTarget;
  private final String journalSchema;
  private final Duration progressEvery;

  /**
   * @param driverTarget the driver's own pool on the target, for the results in the journal
   * @param journalSchema the journal's schema, created if it is not there and the workers run
   *     elsewhere
   */
  public VerifyPipeline(
      RunnerSettings runner,
      Endpoint source,
      Endpoint target,
      int parallelism,
      Duration serverTimeout,
      RunAnomalies.Source anomalies,
      DataSource driverTarget,
      String journalSchema,
      Duration progressEvery) {
    this.runner = runner;
    this.source = source;
    this.target = target;
    this.parallelism = parallelism;
    this.serverTimeout = serverTimeout;
    this.anomalies = anomalies;
    this.driverTarget = driverTarget;
    this.journalSchema = journalSchema;
    this.progressEvery = progressEvery;
  }

  @Override
  public Map<Integer, ChunkResult> verify(List<VerifyWork> work, VerifyLevel level)
      throws InterruptedException {
    String token = UUID.randomUUID().toString();
    VerifyResults results;
    if (runner.workersInThisJvm()) {
      results = new VerifyResults.InThisJvm(token);
    } else {
      new Journal(driverTarget, journalSchema).migrate();
      results = new VerifyResults.InTheJournal(token, journalSchema);
    }
    return verify(work, level, results);
  }

  /** Verifies through the given results table (tests choose the journal's on any runner). */
  Map<Integer, ChunkResult> verify(List<VerifyWork> work, VerifyLevel level, VerifyResults results)
      throws InterruptedException {
    LOG.info(
        "Verifying {} chunk(s) on the {} runner, parallelism {}",
        work.size(),
        runner.describe(),
        parallelism);
    Pipeline pipeline = Pipeline.create(CopyPipeline.options(parallelism, runner));
    pipeline
        .apply(
            "verify: plan",
            Create.of(work).withCoder(SerializableCoder.of(VerifyWork.class)))
        .apply("verify: spread over workers", Reshuffle.viaRandomKey())
        .apply(
            "verify: compare",
            ParDo.of(
                new VerifyChunkFn(
                    source, target, parallelism, serverTimeout, level, anomalies, results)));
    Thread progress = progressLines(results, work.size());
    try {
      PipelineResult.State state = CopyPipeline.runToTheEnd(pipeline, "verification");
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the verification pipeline ended in state " + state);
      }
      return results.all(driverTarget);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the verification's results cannot be read: " + e.getMessage(), e);
    } finally {
      progress.interrupt();
      progress.join(5_000);
      try {
        results.forget(driverTarget);
      } catch (SQLException e) {
        LOG.warn("the verification's results could not be removed: {}", e.getMessage());
      }
    }
  }

  private Thread progressLines(VerifyResults results, int total) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (true) {
                  Thread.sleep(progressEvery.toMillis());
                  LOG.info(
                      "Verify: {}/{} chunk(s) done",
                      String.format(Locale.ROOT, "%,d", results.count(driverTarget)),
                      total);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (SQLException | RuntimeException e) {
                LOG.debug("verify progress: {}", e.getMessage());
              }
            },
            "verify-progress");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
