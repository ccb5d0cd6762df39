package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * On a terminal, {@code run} draws the live display: a run under a pseudo-terminal ({@code
 * script} from util-linux, as an administrator's ssh session gives it one) shows the overall bar
 * and a bar per table, redrawn in place — and the same run's summary. {@link OperatorOutputIT}
 * holds the other side: off a terminal, never an escape code.
 */
class TerminalProgressIT {
  @Test
  void aTerminalGetsTheLiveDisplay(@TempDir Path dir) throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/script")),
        "needs script(1) from util-linux for a pseudo-terminal");
    try (TestDatabase source = TestServers.mysql().createDatabase("tty_src");
        TestDatabase target = TestServers.postgresql().createDatabase("tty_tgt")) {
      try (Connection my = source.connect();
          Statement st = my.createStatement()) {
        st.execute("CREATE TABLE wide (id INT PRIMARY KEY, v VARCHAR(200))");
        st.execute("INSERT INTO wide SELECT seq, REPEAT(MD5(seq), 4) FROM seq_1_to_300000");
        st.execute("ANALYZE TABLE wide");
      }
      Path transcript = dir.resolve("tty.txt");
      String command =
          String.join(
              " ",
              CliRun.launcher().toString(),
              "run",
              "--source",
              source.uri(),
              "--target",
              target.uri(),
              "--schema-mode",
              "create",
              "--chunk-rows",
              "30000");
      ProcessBuilder builder =
          new ProcessBuilder(
              List.of("/usr/bin/script", "-qefc", command, transcript.toString()));
      Map<String, String> env = builder.environment();
      env.putAll(CliRun.passwords(source, target));
      env.put("TERM", "xterm-256color");
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("MM_JAR", Path.of("target/moodle-migrate.jar").toAbsolutePath().toString());
      builder.redirectErrorStream(true).redirectOutput(dir.resolve("script.out").toFile());
      builder.redirectInput(ProcessBuilder.Redirect.PIPE);
      Process process = builder.start();
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the run under script did not end");
      String screen = Files.readString(transcript, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), screen);
      assertTrue(screen.contains("all tables"), "the overall bar:\n" + screen);
      assertTrue(screen.contains("wide"), "the table's bar:\n" + screen);
      assertTrue(screen.contains("rows"), screen);
      assertTrue(screen.contains("\r") || screen.contains("\u001b["), "redrawn in place:\n" + screen);
      assertTrue(screen.contains("run 1: succeeded"), "the summary:\n" + screen);
    }
  }
}
