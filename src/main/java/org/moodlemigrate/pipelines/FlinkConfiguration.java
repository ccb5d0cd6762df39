package org.moodlemigrate.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * The Flink configuration a run hands to Beam's Flink runner: the operator's own (the folder of
 * {@code --flinkConfDir}, else {@code $FLINK_CONF_DIR}), with what the copy needs added where the
 * operator has not said otherwise, written to a folder of the run's own that the runner reads.
 *
 * <p>What the copy needs, and why Beam cannot be told through its options:
 *
 * <ul>
 *   <li>{@code execution.batch.adaptive.auto-parallelism.enabled: false}. In batch mode Flink
 *       sizes each step by its input's bytes (16 MB a subtask); the copy's input is a few kilobytes
 *       of chunk ranges, so Flink would copy with one subtask whatever {@code --parallelism} says
 *       (seen: "Copy chunk (1/1)"). The copy's work is in the rows the chunks stand for, not in
 *       the elements.
 *   <li>{@code restart-strategy: fixed-delay}, {@value FlinkRunnerOptions#EXECUTION_RETRIES}
 *       attempts {@value FlinkRunnerOptions#EXECUTION_RETRY_DELAY_MS} ms apart: without
 *       checkpoints a Flink job is not restarted at all; a copy task that fails (a task manager
 *       lost) is safe to run again, since a chunk's rows commit with its journal row.
 * </ul>
 */
final class FlinkConfiguration {
  private FlinkConfiguration() {}

  /**
   * Writes the configuration and returns its folder.
   *
   * @param operatorDir the operator's configuration folder, or null for none
   */
  static Path write(String operatorDir) {
    org.apache.flink.configuration.Configuration conf =
        operatorDir == null || operatorDir.isBlank()
            ? new org.apache.flink.configuration.Configuration()
            : GlobalConfiguration.loadConfiguration(operatorDir);
    if (!conf.contains(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED)) {
      conf.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
    }
    if (!conf.contains(RestartStrategyOptions.RESTART_STRATEGY)) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS,
          FlinkRunnerOptions.EXECUTION_RETRIES);
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
          Duration.ofMillis(FlinkRunnerOptions.EXECUTION_RETRY_DELAY_MS));
    }
    try {
      Path dir =
          Files.createTempDirectory(
              "moodle-migrate-flink-conf",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file = dir.resolve(GlobalConfiguration.LEGACY_FLINK_CONF_FILENAME);
      Files.write(file, ConfigurationUtils.convertConfigToWritableLines(conf, true));
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink configuration of the run", e);
    }
  }
}
