package org.moodlemigrate.pipelines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.moodlemigrate.settings.BesideTheTool;

/**
 * Whether Beam's Flink runner is on the class path, and if not, the one line that says so.
 *
 * <p>The runner and Flink itself (60 MB) are not in {@code moodle-migrate.jar}, so that the direct
 * runner, the default, starts and runs exactly as without them: the build puts them in {@code
 * flink-lib/} beside the jar ({@code target/flink-lib/}), and {@code bin/moodle-migrate} adds that
 * folder to the class path when the command line (or its {@code --config} file) says {@code
 * --runner flink}. Without this check a
 * run would fail deep in Beam with "Unknown 'runner' specified" or a {@code NoClassDefFoundError}.
 */
public final class FlinkLibraries {
  static final String RUNNER_CLASS = "org.apache.beam.runners.flink.FlinkRunner";

  private FlinkLibraries() {}

  /** The problem, as one line without the {@code moodle-migrate:} prefix, or empty. */
  public static Optional<String> problem() {
    return problem(FlinkLibraries.class.getClassLoader(), BesideTheTool.folder("flink-lib"));
  }

  static Optional<String> problem(ClassLoader loader, Optional<Path> flinkLib) {
    try {
      Class.forName(RUNNER_CLASS, false, loader);
      Class.forName("org.apache.flink.runtime.minicluster.MiniCluster", false, loader);
      return Optional.empty();
    } catch (ClassNotFoundException | LinkageError e) {
      String needs = "--runner flink needs Beam's Flink runner, which is not in the jar but in";
      if (flinkLib.isPresent() && Files.isDirectory(flinkLib.get())) {
        return Optional.of(
            needs
                + " "
                + flinkLib.get()
                + ", which bin/moodle-migrate puts on the class path when the command line or its"
                + " --config file says runner flink, and java -jar does not: run 'bin/moodle-migrate"
                + " run --runner flink ...', or start java with -cp 'moodle-migrate.jar:flink-lib/*'"
                + " org.moodlemigrate.cli.Main");
      }
      return Optional.of(
          needs
              + " flink-lib/ beside it in a build"
              + flinkLib.map(d -> ", and there is no " + d).orElse("")
              + ": build the tool ('mvn -q package -DskipTests' in a checkout), copy"
              + " target/flink-lib/ beside the jar, and run it with bin/moodle-migrate");
    }
  }
}
