package org.moodlemigrate.cli;

import java.util.List;
import org.moodlemigrate.settings.RunnerSettings;
import picocli.CommandLine.Option;

/** {@code --runner} and {@code --flink-master}: which Beam runner copies the chunks, and where. */
final class RunnerOptions {
  @Option(
      names = "--runner",
      paramLabel = "RUNNER",
      defaultValue = "direct",
      description =
          "Which Beam runner copies the chunks: direct (the default: threads of this process) or"
              + " flink (Flink's local cluster in this process, or an existing cluster, see"
              + " --flink-master and docs/distributed.md). Either way at most --parallelism chunks"
              + " are copied at once, with one connection to each side each.")
  String runner;

  @Option(
      names = "--flink-master",
      paramLabel = "HOST:PORT",
      description =
          "With --runner flink: the Flink cluster's JobManager (its REST address, host:port), or"
              + " [local] for a cluster started inside this process for the run (the default).")
  String flinkMaster;

  /**
   * @throws IllegalArgumentException naming the option when a value is not valid
   */
  RunnerSettings settings(List<String> beamArgs) {
    RunnerSettings.Kind kind = RunnerSettings.Kind.parse(runner);
    if (kind != RunnerSettings.Kind.FLINK && flinkMaster != null) {
      throw new IllegalArgumentException("--flink-master needs --runner flink");
    }
    return new RunnerSettings(kind, flinkMaster, beamArgs);
  }
}
