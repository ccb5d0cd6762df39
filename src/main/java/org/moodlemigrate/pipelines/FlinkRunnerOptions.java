package org.moodlemigrate.pipelines;

import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.moodlemigrate.settings.RunnerSettings;

/**
 * Beam options for the Flink runner. With {@link FlinkConfiguration}, the only classes of the tool
 * that name Flink's, loaded only when {@code --runner flink} is chosen, so the direct runner never
 * needs them on its class path ({@link FlinkLibraries}).
 *
 * <p>The job's parallelism is the run's {@code --parallelism}: Flink runs that many copy subtasks
 * over all its task managers, each copying one chunk at a time with one connection to each side, so
 * the number of copy connections per database is {@code --parallelism} however many task managers
 * share the work (the pools open connections only when a chunk asks, see {@code DataSources}).
 *
 * <p>A task that fails (a task manager lost, an error that escapes a chunk's own handling) is run
 * again by Flink, up to {@value #EXECUTION_RETRIES} times: the chunks its work holds that are done
 * are left alone and the one it was copying is copied again from a clean state, because a chunk's
 * rows and its journal row commit in one transaction (see {@code ChunkCopier}). That, and the
 * parallelism Flink would otherwise choose itself, is Flink configuration ({@link
 * FlinkConfiguration}); an operator's own {@code restart-strategy} wins.
 */
final class FlinkRunnerOptions {
  /** How often Flink runs a failed task again before the job fails. */
  static final int EXECUTION_RETRIES = 3;

  /** The pause before it does, in milliseconds: enough for a restarted server to take connections. */
  static final long EXECUTION_RETRY_DELAY_MS = 5_000;

  private FlinkRunnerOptions() {}

  static void apply(PipelineOptions options, RunnerSettings runner, int parallelism) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    flink.setRunner(FlinkRunner.class);
    flink.setFlinkMaster(runner.flinkMaster());
    flink.setParallelism(parallelism);
    // The operator's Flink configuration, with what the copy needs (see FlinkConfiguration).
    String operatorDir =
        flink.getFlinkConfDir() != null ? flink.getFlinkConfDir() : System.getenv("FLINK_CONF_DIR");
    flink.setFlinkConfDir(FlinkConfiguration.write(operatorDir).toString());
    if (!given(runner.beamArgs(), "useDataStreamForBatch")) {
      // Flink's DataStream API in its batch mode, the API Flink keeps (DataSet is deprecated, and
      // gone in Flink 2); its failover is what FlinkTaskFailureIT tests.
      flink.setUseDataStreamForBatch(true);
    }
    if (!given(runner.beamArgs(), "fasterCopy")) {
      // Elements pass between chained steps without a coder copy: they are immutable records
      // (CopyWork, ChunkOutcome), which no step changes.
      flink.setFasterCopy(true);
    }
  }

  private static boolean given(List<String> args, String name) {
    return args.stream().anyMatch(a -> a.equals("--" + name) || a.startsWith("--" + name + "="));
  }
}
