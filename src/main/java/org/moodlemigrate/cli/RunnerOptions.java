package org.moodlemigrate.cli;

import java.util.List;
import java.util.Optional;
import org.moodlemigrate.pipelines.FlinkLibraries;
import org.moodlemigrate.settings.RunnerSettings;
import picocli.CommandLine.Option;

/** {@code --runner} and {@code --flink-master}: which Beam runner copies the chunks, and where. */
final class RunnerOptions {
  @Option(
      names = "--runner",
      paramLabel = "RUNNER",
      defaultValue = "direct",
      description =
          "Which Beam runner copies (run) and compares (verify) the chunks: direct (the default:"
              + " threads of this process) or flink (Flink's local cluster in this process, or an"
              + " existing cluster, see --flink-master and docs/distributed.md). Either way at most"
              + " --parallelism chunks at once, with one connection to each side each.")
  String runner;

  @Option(
      names = "--flink-master",
      paramLabel = "HOST:PORT",
      description =
          "With --runner flink: the Flink cluster's JobManager (its REST address, host:port), or"
              + " [local] for a cluster started inside this process for the run (the default).")
  String flinkMaster;

  /**
   * Why the chosen runner cannot run in this JVM (Flink is not in the jar, see {@link
   * FlinkLibraries}), as one line; empty when it can.
   */
  static Optional<String> unavailable(RunnerSettings settings) {
    return settings.kind() == RunnerSettings.Kind.FLINK
        ? FlinkLibraries.problem()
        : Optional.empty();
  }

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
