package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliRun;

/**
 * Usage errors, in-process and without servers: one line saying what is wrong and a pointer to
 * {@code --help}, exit 2, never picocli's usage dump, never a value from the command line (it may
 * be a password typed in the wrong place), and no suggestion that leads a typo to a command that
 * writes.
 */
class UsageErrorsTest {
  private static final String SECRET = "S3cret-" + Long.toHexString(System.nanoTime());
  private static final String SOURCE = "mysql://u@127.0.0.1:1/db";
  private static final String TARGET = "postgresql://u@127.0.0.1:1/db";

  /** Command lines with the secret where a slip could put it, on every picocli error path. */
  static Stream<List<String>> slips() {
    String s = SECRET;
    return Stream.of(
        List.of("run", "--source-password", s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--source-password=" + s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--source-password", "-" + s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "-" + s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--" + s.toLowerCase(java.util.Locale.ROOT), "--target", TARGET),
        List.of("run", s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--source", SOURCE, "--target", TARGET, s),
        List.of("run", "--parallelism", s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--chunk-rows=" + s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--server-timeout", s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--retries", s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--source", s, "--source", SOURCE, "--target", TARGET),
        List.of("run", "--source", s),
        List.of("check", "--target", s),
        List.of("plan", "--throughput", s, "--source", SOURCE, "--target", TARGET),
        List.of("verify", "--parallelism", s, "--source", SOURCE, "--target", TARGET),
        List.of("status", "--target", TARGET, s),
        List.of("cleanup", "--frobnicate", s, "--target", TARGET),
        List.of("demo", "--scale", s),
        List.of(s),
        List.of(s, "run"),
        List.of("--source", s, "run"),
        List.of("help", s),
        List.of(
            "run",
            "--source",
            SOURCE,
            "--target",
            TARGET,
            "--source-password-file",
            "/nonexistent/" + s));
  }

  @ParameterizedTest
  @MethodSource("slips")
  void noUsageErrorEchoesAValueOrDumpsTheUsage(List<String> args) {
    CliRun run = CliRun.inProcess(Map.of(), args.toArray(String[]::new));
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.transcript());
    assertFalse(
        run.transcript().toLowerCase(java.util.Locale.ROOT).contains("s3cret"),
        "a value from the command line was printed:\n" + run.transcript());
    assertFalse(run.err().contains("Usage:"), run.transcript());
    assertEquals("", run.out(), run.transcript());
    List<String> lines = run.err().lines().toList();
    assertEquals(2, lines.size(), run.transcript());
    assertTrue(lines.get(1).matches("Try 'moodle-migrate( [a-z]+)? --help'\\."), lines.get(1));
  }

  @Test
  void anUnknownOptionIsNamedButNotItsValue() {
    CliRun run =
        CliRun.inProcess(
            Map.of(), "run", "--source-password", SECRET, "--source", SOURCE, "--target", TARGET);
    assertEquals(
        List.of(
            "moodle-migrate run: unknown option --source-password (and 1 argument that belongs to"
                + " no option, not shown)",
            "Try 'moodle-migrate run --help'."),
        run.err().lines().toList());
  }

  @Test
  void aMissingOptionIsOneLineNamingIt() {
    CliRun run = CliRun.inProcess(Map.of(), "run", "--source", SOURCE);
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertEquals(
        List.of(
            "moodle-migrate run: missing the required option --target URI",
            "Try 'moodle-migrate run --help'."),
        run.err().lines().toList());
    CliRun both = CliRun.inProcess(Map.of(), "verify");
    assertTrue(both.err().startsWith("moodle-migrate verify: missing the required options"));
    assertTrue(both.err().contains("--source URI and --target URI"), both.err());
    CliRun noValue = CliRun.inProcess(Map.of(), "status", "--target");
    assertTrue(noValue.err().contains("--target is given without its value (URI)"), noValue.err());
  }

  @Test
  void aBadValueNamesTheOptionAndWhatItTakes() {
    CliRun run =
        CliRun.inProcess(
            Map.of(), "run", "--parallelism", "lots", "--source", SOURCE, "--target", TARGET);
    assertTrue(
        run.err()
            .startsWith(
                "moodle-migrate run: the value of --parallelism is not valid: it takes a whole"
                    + " number (N)"),
        run.err());
  }

  @Test
  void noCommandIsAUsageErrorOnStderr() {
    CliRun run = CliRun.inProcess(Map.of());
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.transcript());
    assertEquals("", run.out());
    assertTrue(run.err().contains("Usage: moodle-migrate"), run.err());
    assertTrue(run.err().contains("Commands:"), run.err());
  }

  @Test
  void theToolsOwnUsageErrorsPointToHelpToo() {
    CliRun run =
        CliRun.inProcess(Map.of(), "run", "--source", "oracle://u@h/db", "--target", TARGET);
    assertEquals(ExitCodes.USAGE, run.exitCode());
    List<String> lines = run.err().lines().toList();
    assertTrue(lines.get(0).startsWith("moodle-migrate run: --source has scheme"), run.err());
    assertEquals("Try 'moodle-migrate run --help'.", lines.get(lines.size() - 1));
  }

  /** Every word one typing slip from {@code word}: a letter dropped, added, changed or swapped. */
  static Set<String> slipsOf(String word) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < word.length(); i++) {
      out.add(word.substring(0, i) + word.substring(i + 1));
      if (i + 1 < word.length()) {
        out.add(word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2));
      }
    }
    for (int i = 0; i <= word.length(); i++) {
      for (char c = 'a'; c <= 'z'; c++) {
        out.add(word.substring(0, i) + c + word.substring(i));
        if (i < word.length()) {
          out.add(word.substring(0, i) + c + word.substring(i + 1));
        }
      }
    }
    out.remove(word);
    return out;
  }

  @Test
  void noTypoIsEverPointedToACommandThatWrites() {
    List<String> commands =
        new ArrayList<>(
            Main.commandLine(new CliContext(Map.of(), System.out, System.err))
                .getSubcommands()
                .keySet());
    Set<String> writers = Set.of("run", "cleanup", "verify");
    List<String> words = new ArrayList<>();
    for (String command : commands) {
      words.addAll(slipsOf(command));
    }
    int suggested = 0;
    for (String word : words) {
      if (commands.contains(word)) {
        continue;
      }
      String suggestion = UsageErrors.suggestion(word, commands);
      if (suggestion != null) {
        suggested++;
        assertFalse(writers.contains(suggestion), word + " was pointed to " + suggestion);
        assertTrue(UsageErrors.SUGGESTIBLE.contains(suggestion), suggestion);
      }
    }
    assertTrue(suggested > 0, "typos of read-only commands get a suggestion");
    assertNull(UsageErrors.suggestion("rnu", commands));
    assertNull(UsageErrors.suggestion("cleanpu", commands));
  }

  @Test
  void theTypoOfTheIssueNamesNoCommandAsASuggestion() {
    CliRun rnu = CliRun.inProcess(Map.of(), "rnu", "--source", SOURCE, "--target", TARGET);
    assertEquals(ExitCodes.USAGE, rnu.exitCode());
    assertFalse(rnu.err().contains("Did you mean"), rnu.err());
    assertTrue(rnu.err().startsWith("moodle-migrate: unknown command; the commands are "));
    CliRun chek = CliRun.inProcess(Map.of(), "chek");
    assertTrue(chek.err().contains("Did you mean 'moodle-migrate check'?"), chek.err());
  }

  @Test
  void helpStillWorks() {
    CliRun run = CliRun.inProcess(Map.of(), "run", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("--source"));
    assertEquals("", run.err());
  }
}
