package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliRun;

/** The command line itself, without servers: help, version, usage errors and their exit codes. */
class MainTest {
  @Test
  void everyCommandHasHelp() {
    for (String[] args :
        new String[][] {{"--help"}, {"run", "--help"}, {"demo", "--help"}, {"help", "run"}}) {
      CliRun run = CliRun.inProcess(Map.of(), args);
      assertEquals(0, run.exitCode(), run.transcript());
      assertTrue(run.out().contains("Usage: moodle-migrate"), run.out());
    }
    CliRun runHelp = CliRun.inProcess(Map.of(), "run", "--help");
    for (String option :
        new String[] {
          "--source",
          "--target",
          "--target-schema",
          "--owner",
          "--include",
          "--exclude",
          "--parallelism",
          "--report",
          "--source-password-file",
          "--target-password-file"
        }) {
      assertTrue(runHelp.out().contains(option), option + " is documented in run --help");
    }
    assertTrue(runHelp.out().contains("MM_SOURCE_PASSWORD"));
  }

  @Test
  void versionNamesTheToolAndJava() {
    CliRun run = CliRun.inProcess(Map.of(), "--version");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("moodle-migrate "), run.out());
    assertTrue(run.out().contains("Java 17") || run.out().contains("Java "), run.out());
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatIsWrong() {
    CliRun missing = CliRun.inProcess(Map.of(), "run", "--target", "postgresql://u@h/db");
    assertEquals(ExitCodes.USAGE, missing.exitCode());
    assertTrue(missing.err().contains("--source"), missing.err());

    CliRun badUri =
        CliRun.inProcess(
            Map.of(), "run", "--source", "oracle://u@h/db", "--target", "postgresql://u@h/db");
    assertEquals(ExitCodes.USAGE, badUri.exitCode());
    assertTrue(badUri.err().contains("--source has scheme 'oracle'"), badUri.err());

    CliRun badRegex =
        CliRun.inProcess(
            Map.of(),
            "run",
            "--source",
            "mysql://u@h/db",
            "--target",
            "postgresql://u@h/db",
            "--include",
            "mdl_(");
    assertEquals(ExitCodes.USAGE, badRegex.exitCode());
    assertTrue(badRegex.err().contains("--include 'mdl_('"), badRegex.err());

    CliRun sameSchema =
        CliRun.inProcess(
            Map.of(),
            "run",
            "--source",
            "mysql://u@h/db",
            "--target",
            "postgresql://u@h/db",
            "--journal-schema",
            "public");
    assertEquals(ExitCodes.USAGE, sameSchema.exitCode());
    assertTrue(sameSchema.err().contains("--journal-schema"), sameSchema.err());

    CliRun unknown = CliRun.inProcess(Map.of(), "run", "--frobnicate");
    assertEquals(ExitCodes.USAGE, unknown.exitCode());
  }

  @Test
  void anUnreachableServerIsAFatalErrorNamingTheEndpoint() {
    CliRun run =
        CliRun.inProcess(
            Map.of("MM_SOURCE_PASSWORD", "not-shown-anywhere"),
            "run",
            "--source",
            "mysql://someone@127.0.0.1:1/db?connectTimeout=2000",
            "--target",
            "postgresql://u@127.0.0.1:1/db");
    assertEquals(ExitCodes.FATAL, run.exitCode(), run.transcript());
    // The target comes first: its run lock is taken before the source is connected to.
    assertTrue(
        run.err().contains("cannot connect to the target postgresql://u@127.0.0.1:1/db"),
        run.err());
    assertTrue(!run.transcript().contains("not-shown-anywhere"));
  }
}
