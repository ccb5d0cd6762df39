package org.moodlemigrate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.demo.DemoSite;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Runs every shell command of the README and of docs/*.md as written, from a fresh clone of this
 * repository, against databases of its own: a MariaDB database holding the demo site (16 Moodle
 * core tables; about 9,500 rows, with the log cut to a tenth) and a PostgreSQL database holding the
 * schema Moodle's installer makes for it.
 *
 * <p>What "as written" means, and what docs writers must keep to (docs/testing.md, <i>Commands in
 * the docs</i>, says the same for them):
 *
 * <ul>
 *   <li>A fenced block in {@code sh} (or {@code bash}, {@code shell}) is run; any other block is
 *       not. Each block runs in a new {@code bash} with {@code set -eo pipefail}, from the clone's
 *       root, and must end with status 0, or with the status of its {@code <!-- docs-test: exit N
 *       -->} marker. Variables a block exports are there in the later blocks of the same page (a
 *       reader who follows the page has them too); nothing else carries over. Pages run in order,
 *       README.md first, then docs/*.md by name, all against the same two databases, so a block
 *       runs on what the blocks before it left (a migrated target, a removed journal).
 *   <li>A block that cannot run here carries {@code <!-- docs-test: skip (REASON) -->}: Moodle's
 *       {@code php admin/cli/…} scripts (no PHP or Moodle code in the suite), crontab edits, dumps
 *       of production, and the suite's own commands ({@code mvn verify} would run this test inside
 *       itself). The test prints every skipped block with its reason.
 *   <li>A block that needs a program not every machine has carries {@code <!-- docs-test: requires
 *       jq -->}: skipped where it is missing, failed under {@code CI=true}.
 *   <li>Servers, passwords and the owner role appear only as the placeholders of {@link
 *       DocsPlaceholders}; after they are replaced, a block holding {@code example.org} or {@code
 *       …} fails, naming the line.
 * </ul>
 *
 * <p>The clone is of the commit checked out ({@code HEAD}): uncommitted edits of the docs are not
 * seen unless {@code -Dmm.docs.worktree=true} copies the working tree's README.md and docs/ over
 * the clone. The clone's {@code target/} is a link to this build's, so {@code bin/moodle-migrate}
 * runs the jar this build made (building it again in the clone would double the suite's time; the
 * README's build-and-demo block is run, as written, from CI's own fresh clone by {@code .ci/run}).
 */
class DocsCommandsIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final long BLOCK_TIMEOUT_MINUTES = 5;
  private static final int LOG_ROWS_KEPT = 4_500;

  /** What happened to one block. */
  private record Outcome(ShellBlocks.Block block, String result, boolean failed) {}

  @Test
  void everyShellBlockOfTheDocsRunsAsWritten(@TempDir Path dir) throws Exception {
    Path clone = cloneHead(dir);
    try {
      runAll(clone, dir);
    } finally {
      // The link, not what it points at: this build's target/ must survive the clean-up.
      Files.deleteIfExists(clone.resolve("target"));
    }
  }

  private static void runAll(Path clone, Path dir) throws Exception {
    String owner = "mmt_docs_owner_" + Long.toHexString(System.nanoTime());
    List<Outcome> outcomes = new ArrayList<>();
    try (TestDatabase source = TestServers.mysql().createDatabase("docs_src");
        TestDatabase target = TestServers.postgresql().createDatabase("docs_tgt")) {
      try (Connection c = source.connect();
          Statement st = c.createStatement()) {
        DemoSite.createSource(c, 1);
        // A tenth of the log is enough to exercise every command; it keeps the test near two
        // minutes on a busy machine (five runs and verifications copy or compare it).
        st.execute("DELETE FROM mdl_logstore_standard_log WHERE id > " + LOG_ROWS_KEPT);
      }
      try (Connection c = target.connect();
          Statement st = c.createStatement()) {
        DemoSite.createTarget(c);
        st.execute("CREATE ROLE \"" + owner + "\" NOLOGIN");
      }
      try {
        DocsPlaceholders placeholders =
            new DocsPlaceholders(
                source.uri(), target.uri(), owner, source.password(), target.password());
        for (Path page : DocsPages.list(clone)) {
          ShellBlocks.Page blocks = ShellBlocks.read(clone, page);
          assertEquals(List.of(), blocks.errors(), "docs-test markers");
          runPage(clone, dir, blocks.blocks(), placeholders, outcomes);
        }
      } finally {
        dropRole(target, owner);
      }
    }
    report(outcomes);
    List<String> failures =
        outcomes.stream()
            .filter(Outcome::failed)
            .map(o -> o.block().where() + ": " + o.result())
            .toList();
    assertEquals(List.of(), failures, "shell blocks of the docs that did not run as written");
    assertTrue(
        outcomes.stream()
            .anyMatch(o -> o.block().file().equals("README.md") && o.block().skipReason() == null),
        "no block of the README ran");
    assertTrue(
        outcomes.stream().filter(o -> o.block().skipReason() == null).count() >= 5,
        "fewer than 5 blocks ran");
  }

  private static void runPage(
      Path clone,
      Path dir,
      List<ShellBlocks.Block> blocks,
      DocsPlaceholders placeholders,
      List<Outcome> outcomes)
      throws IOException, InterruptedException {
    Path state = dir.resolve("state-" + outcomes.size() + ".sh");
    Files.writeString(state, "");
    for (ShellBlocks.Block block : blocks) {
      if (block.skipReason() != null) {
        outcomes.add(new Outcome(block, "skipped: " + block.skipReason(), false));
        continue;
      }
      List<String> missing = missingPrograms(block.requires());
      if (!missing.isEmpty()) {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        outcomes.add(
            new Outcome(
                block,
                (ci ? "CI=true, and it needs " : "skipped: needs ")
                    + String.join(", ", missing)
                    + ", not installed here",
                ci));
        continue;
      }
      String commands = placeholders.apply(block.text());
      List<String> unknown = DocsPlaceholders.leftovers(commands);
      if (!unknown.isEmpty()) {
        outcomes.add(
            new Outcome(
                block,
                "holds an example the placeholders do not know (use those of docs/testing.md): "
                    + unknown,
                true));
        continue;
      }
      outcomes.add(run(clone, dir, block, commands, state));
    }
  }

  private static Outcome run(
      Path clone, Path dir, ShellBlocks.Block block, String commands, Path state)
      throws IOException, InterruptedException {
    Path script = dir.resolve("block.sh");
    Path next = dir.resolve("state-next.sh");
    Path log = dir.resolve("block.log");
    Files.writeString(
        script,
        "set -eo pipefail\n"
            + "source "
            + state
            + "\n"
            + "trap 'export -p | grep -Ev \"^declare -x (PWD|OLDPWD|SHLVL|_)=\" > "
            + next
            + "' EXIT\n"
            + commands,
        StandardCharsets.UTF_8);
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString());
    builder.directory(clone.toFile());
    builder.environment().remove("MM_SOURCE_PASSWORD");
    builder.environment().remove("MM_TARGET_PASSWORD");
    builder.environment().remove("MM_JAR");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    boolean finished = process.waitFor(BLOCK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (Files.exists(next)) {
      Files.move(next, state, StandardCopyOption.REPLACE_EXISTING);
    }
    String took = String.format(Locale.ROOT, "%.1f s", seconds);
    if (!finished) {
      return new Outcome(
          block,
          "did not finish within " + BLOCK_TIMEOUT_MINUTES + " minutes\n" + tail(output),
          true);
    }
    int exit = process.exitValue();
    if (exit != block.expectedExit()) {
      String signal =
          exit > 128
              ? " (the status of a process ended by signal "
                  + (exit - 128)
                  + "; this test sends none: was it sent by something else on the machine?)"
              : "";
      return new Outcome(
          block,
          "exit "
              + exit
              + signal
              + " (expected "
              + block.expectedExit()
              + "), "
              + took
              + "\n"
              + tail(output),
          true);
    }
    return new Outcome(block, "ran: exit " + exit + ", " + took, false);
  }

  /** The programs of {@code names} that are not on the PATH. */
  private static List<String> missingPrograms(List<String> names)
      throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      Process p =
          new ProcessBuilder("bash", "-c", "command -v \"$0\" >/dev/null", name)
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        missing.add(name);
      }
    }
    return missing;
  }

  /**
   * A clone of the commit checked out here, with this build's {@code target/} linked in; with
   * {@code -Dmm.docs.worktree=true}, the working tree's README.md and docs/ copied over it.
   */
  private static Path cloneHead(Path dir) throws IOException, InterruptedException {
    String head = git(ROOT, "rev-parse", "HEAD").strip();
    Path clone = dir.resolve("moodle-migrate");
    git(dir, "clone", "--quiet", "--no-checkout", ROOT.toString(), clone.toString());
    git(clone, "checkout", "--quiet", "--detach", head);
    Files.createSymbolicLink(clone.resolve("target"), ROOT.resolve("target"));
    if (Boolean.getBoolean("mm.docs.worktree")) {
      Files.copy(
          ROOT.resolve("README.md"),
          clone.resolve("README.md"),
          StandardCopyOption.REPLACE_EXISTING);
      try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
        for (Path doc : docs.toList()) {
          Files.copy(
              doc,
              clone.resolve("docs").resolve(doc.getFileName()),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.out.println("docs commands: the working tree's README.md and docs/ over HEAD");
    } else {
      String changed = git(ROOT, "status", "--porcelain", "--", "README.md", "docs").strip();
      if (!changed.isEmpty()) {
        System.out.println(
            "docs commands: testing HEAD "
                + head
                + "; uncommitted changes not tested (-Dmm.docs.worktree=true tests them):\n"
                + changed);
      }
    }
    return clone;
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "git " + String.join(" ", args) + " failed in " + dir + ":\n" + out);
    }
    return out;
  }

  private static void dropRole(TestDatabase target, String owner) throws SQLException {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      st.execute("DROP OWNED BY \"" + owner + "\"");
      st.execute("DROP ROLE IF EXISTS \"" + owner + "\"");
    }
  }

  private static void report(List<Outcome> outcomes) {
    StringBuilder out = new StringBuilder("docs commands:\n");
    for (Outcome o : outcomes) {
      String first = o.result().lines().findFirst().orElse("");
      out.append("  ")
          .append(o.failed() ? "FAILED  " : "")
          .append(o.block().where())
          .append(": ")
          .append(first)
          .append('\n');
    }
    System.out.print(out);
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
