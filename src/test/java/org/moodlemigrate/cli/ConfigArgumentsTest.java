package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliRun;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE.yaml}: precedence, the keys' checks and their messages, and the shipped
 * profiles in {@code pipelines/}. No servers: the commands are parsed, not run, except where a
 * refusal comes before any connection.
 */
class ConfigArgumentsTest {
  private static final String SECRET = "Sekr1t-" + Long.toHexString(System.nanoTime());
  private static final Path PIPELINES = Path.of("pipelines");
  private static final List<String> PROFILE_COMMANDS = List.of("check", "plan", "run", "verify");

  @TempDir Path dir;

  private static CommandLine cli() {
    return Main.commandLine(new CliContext(Map.of(), System.out, System.err));
  }

  /** The command object after parsing {@code args} as {@code main} would, file included. */
  private static Object parse(String... args) {
    CommandLine cli = cli();
    CommandLine.ParseResult result = cli.parseArgs(ConfigArguments.expand(cli, args));
    return result.subcommand().commandSpec().userObject();
  }

  private Path yaml(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static CliRun refused(Path file, String command) {
    CliRun run = CliRun.inProcess(Map.of(), command, "--config", file.toString());
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.transcript());
    return run;
  }

  @Test
  void theFileBeatsTheDefaultsAndTheCommandLineBeatsTheFile() throws IOException {
    Path file =
        yaml(
            "site.yaml",
            "source: mysql://moodle@db:3306/moodle",
            "target: postgresql://moodle@pg:5432/moodle",
            "target-schema: moodle",
            "include: [mdl_a, 'mdl_b.*']",
            "chunk-rows: 500",
            "owner: ~",
            "run:",
            "  no-verify: true",
            "  retries: 2",
            "  verify: checksums");

    RunCommand fromFile = (RunCommand) parse("run", "--config", file.toString());
    assertEquals("mysql://moodle@db:3306/moodle", fromFile.connection.source);
    assertEquals("moodle", fromFile.plan.targetSchema);
    assertEquals(List.of("mdl_a", "mdl_b.*"), fromFile.plan.includes);
    assertEquals(500, fromFile.plan.chunkRows);
    assertTrue(fromFile.noVerify);
    assertEquals(2, fromFile.retries);
    assertEquals("checksums", fromFile.verify);
    // Not in the file: the defaults.
    assertNull(fromFile.plan.owner);
    assertEquals("moodle_migrate", fromFile.plan.journalSchema);
    assertEquals(50_000, fromFile.plan.indexRebuildRows);
    assertEquals("MM_SOURCE_PASSWORD", fromFile.connection.sourcePasswordVariable);
    assertFalse(fromFile.resume);

    RunCommand overridden =
        (RunCommand)
            parse(
                "run",
                "--target-schema",
                "other",
                "--config",
                file.toString(),
                "--include",
                "mdl_c",
                "--retries=7",
                "--no-verify",
                "--source-password-env",
                "SITE_DB_PW");
    assertEquals("other", overridden.plan.targetSchema);
    assertEquals(List.of("mdl_c"), overridden.plan.includes, "a list replaces the file's");
    assertEquals(7, overridden.retries);
    assertTrue(overridden.noVerify);
    assertEquals("SITE_DB_PW", overridden.connection.sourcePasswordVariable);
    assertEquals(500, overridden.plan.chunkRows, "what the command line leaves, the file gives");
    assertEquals("postgresql://moodle@pg:5432/moodle", overridden.connection.target);

    RunCommand flagOff =
        (RunCommand) parse("run", "--config", file.toString(), "--no-verify=false");
    assertFalse(flagOff.noVerify, "a flag the file sets is turned off on the command line");

    RunCommand noFile =
        (RunCommand) parse("run", "--source", "mysql://u@h/d", "--target", "postgresql://u@h/d");
    assertEquals("public", noFile.plan.targetSchema);
    assertEquals(100_000, noFile.plan.chunkRows);
    assertFalse(noFile.noVerify);
  }

  @Test
  void aSectionIsReadByItsCommandOnlyAndWinsOverTheTopLevel() throws IOException {
    Path file =
        yaml(
            "site.yaml",
            "source: mysql://moodle@db/moodle",
            "target: postgresql://moodle@pg/moodle",
            "max-rejects: 3",
            "run:",
            "  verify: counts",
            "  max-rejects: 10",
            "verify:",
            "  verify: counts",
            "plan:",
            "  exact-counts: true",
            "cleanup:",
            "  force: true");
    RunCommand run = (RunCommand) parse("run", "--config", file.toString());
    assertEquals(10, run.plan.maxRejects);
    VerifyCommand verify = (VerifyCommand) parse("verify", "--config", file.toString());
    assertEquals("counts", verify.level);
    assertEquals(3, verify.plan.maxRejects);
    PlanCommand plan = (PlanCommand) parse("plan", "--config", file.toString());
    assertTrue(plan.exactCounts);
    CheckCommand check = (CheckCommand) parse("check", "--config", file.toString());
    assertEquals(3, check.plan.maxRejects);
  }

  @Test
  void relativePathsAreRelativeToTheFilesDirectory() throws IOException {
    Path file =
        yaml(
            "conf/site.yaml",
            "source: mysql://moodle@db/moodle",
            "target: postgresql://moodle@pg/moodle",
            "source-password-file: secrets/source.pw",
            "cast-rules: /etc/moodle-migrate/rules.yaml",
            "run:",
            "  report: out/report.json",
            "  rejects-dir: rejects");
    RunCommand run = (RunCommand) parse("run", "--config", file.toString());
    Path conf = dir.resolve("conf");
    assertEquals(conf.resolve("secrets/source.pw"), run.connection.sourcePasswordFile);
    assertEquals(conf.resolve("out/report.json"), run.report);
    assertEquals(conf.resolve("rejects"), run.rejectsDir);
    assertEquals(Path.of("/etc/moodle-migrate/rules.yaml"), run.plan.castRules);

    RunCommand cli =
        (RunCommand) parse("run", "--config", file.toString(), "--report", "here.json");
    assertEquals(Path.of("here.json"), cli.report, "a path on the command line is as typed");
  }

  @Test
  void statusAndCleanupTakeTheTargetKeys() throws IOException {
    Path file =
        yaml(
            "target.yaml",
            "target: postgresql://moodle@pg/moodle",
            "target-password-env: PG_PW",
            "target-schema: moodle",
            "cleanup:",
            "  force: true");
    StatusCommand status = (StatusCommand) parse("status", "--config", file.toString());
    assertEquals("postgresql://moodle@pg/moodle", status.journal.target);
    assertEquals("PG_PW", status.journal.targetPasswordVariable);
    assertEquals("moodle", status.journal.targetSchema);
    CleanupCommand cleanup = (CleanupCommand) parse("cleanup", "--config", file.toString());
    assertTrue(cleanup.force);
  }

  @Test
  void anUnknownKeyNamesTheKeyTheFileAndTheLine() throws IOException {
    Path file =
        yaml(
            "x.yaml",
            "# a comment",
            "source: mysql://moodle@db/moodle",
            "tagret: postgresql://moodle@pg/moodle");
    CliRun run = refused(file, "run");
    assertTrue(
        run.err().contains("moodle-migrate: " + file + " line 3: unknown key 'tagret'"), run.err());
    assertTrue(run.err().contains("known keys for run: source, target,"), run.err());
    assertFalse(run.err().contains("pg/moodle"), "the value is not echoed");

    Path inSection = yaml("y.yaml", "run:", "  retires: 3");
    assertTrue(
        refused(inSection, "check").err().contains("line 2: unknown key 'retires' under 'run:'"),
        "a section is checked whichever command reads the file");
  }

  @Test
  void aKeyOfAnotherCommandNamesBoth() throws IOException {
    Path file = yaml("x.yaml", "target: postgresql://moodle@pg/moodle", "force: true");
    CliRun run = refused(file, "run");
    assertTrue(
        run.err().contains("line 2: 'force' is an option of cleanup, not of run"), run.err());
    assertTrue(run.err().contains("section 'cleanup:'"), run.err());

    Path include = yaml("y.yaml", "include: [mdl_user]");
    assertTrue(
        refused(include, "status")
            .err()
            .contains("line 1: 'include' is an option of run, check, plan, verify, not of status"));
  }

  @Test
  void wrongTypesNameTheKeyAndTheLine() throws IOException {
    assertTrue(
        refused(yaml("a.yaml", "source: mysql://u@h/d", "target-schema: [a, b]"), "run")
            .err()
            .contains("line 2: 'target-schema' takes one value, not a list"));
    assertTrue(
        refused(yaml("b.yaml", "run:", "  no-verify: yes please"), "run")
            .err()
            .contains("line 2: 'no-verify' under 'run:' is a flag: write true or false"));
    assertTrue(
        refused(yaml("c.yaml", "chunk-rows: many"), "plan")
            .err()
            .contains("line 1: 'chunk-rows': invalid value: 'many' is not a long"));
    assertTrue(
        refused(yaml("d.yaml", "include:", "  pattern: mdl_.*"), "check")
            .err()
            .contains("line 1: 'include' takes a list, not a mapping"));
    assertTrue(
        refused(yaml("e.yaml", "- run", "- check"), "run")
            .err()
            .contains("line 1: expected a mapping of option names to values"));
    assertTrue(
        refused(yaml("f.yaml", "owner: a", "owner: b"), "run")
            .err()
            .contains("line 2: key 'owner' is already set on line 1"));
    assertTrue(
        refused(yaml("g.yaml", "config: other.yaml"), "run")
            .err()
            .contains("line 1: 'config' cannot be set in a configuration file"));
    assertTrue(
        refused(yaml("h.yaml", "owner: a", "---", "owner: b"), "run")
            .err()
            .contains("line 3: one YAML document per file"));
    assertTrue(
        refused(dir.resolve("missing.yaml"), "run").err().contains("--config: no such file"));
  }

  @Test
  void aPasswordIsRefusedWithoutEverBeingShown() throws IOException {
    for (String key : List.of("source-password", "target-password", "password")) {
      CliRun run = refused(yaml(key + ".yaml", "owner: moodle", key + ": " + SECRET), "run");
      assertTrue(run.err().contains("line 2: '" + key + "' would put a password"), run.err());
      assertTrue(run.err().contains("-password-env"), run.err());
      assertTrue(run.err().contains("-password-file"), run.err());
      assertFalse(run.transcript().contains(SECRET), run.transcript());
    }
    CliRun target =
        refused(yaml("t.yaml", "cleanup:", "  target-password: '" + SECRET + "'"), "cleanup");
    assertTrue(target.err().contains("'target-password-env'"), target.err());
    assertFalse(target.transcript().contains(SECRET));

    // In a URI: the same refusal as on the command line, before any connection.
    CliRun uri =
        refused(
            yaml(
                "uri.yaml",
                "source: mysql://moodle:" + SECRET + "@db/moodle",
                "target: postgresql://moodle@pg/moodle"),
            "run");
    assertTrue(uri.err().contains("--source carries a password"), uri.err());
    assertFalse(uri.transcript().contains(SECRET), uri.transcript());

    // A line YAML cannot read is not quoted either.
    CliRun broken = refused(yaml("broken.yaml", "owner: moodle", "target: x: " + SECRET), "run");
    assertTrue(broken.err().contains("line 2: not valid YAML"), broken.err());
    assertFalse(broken.transcript().contains(SECRET), broken.transcript());
  }

  /** Every file in pipelines/, so that a new profile is tested as soon as it is added. */
  private static List<Path> profiles() throws IOException {
    try (Stream<Path> files = Files.list(PIPELINES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyShippedProfileLoadsForCheckPlanRunAndVerify() throws IOException {
    List<Path> profiles = profiles();
    List<String> names = profiles.stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(
        names.containsAll(List.of("moodle.yaml", "totara.yaml", "example.yaml")), names.toString());
    for (Path profile : profiles) {
      for (String command : PROFILE_COMMANDS) {
        String[] args = {
          command,
          "--config",
          profile.toString(),
          "--source",
          "mysql://moodle@db/moodle",
          "--target",
          "postgresql://moodle@pg/moodle"
        };
        try {
          parse(args);
        } catch (RuntimeException e) {
          fail(profile + " does not load for " + command + ": " + e.getMessage());
        }
      }
    }
  }

  @Test
  void theTotaraProfileCreatesTheDynamicTables() throws IOException {
    RunCommand run =
        (RunCommand)
            parse(
                "run",
                "--config",
                PIPELINES.resolve("totara.yaml").toString(),
                "--source",
                "mysql://u@h/d",
                "--target",
                "postgresql://u@h/d");
    assertEquals("auto", run.plan.schemaMode);
    assertEquals(List.of(), run.plan.excludes, "no dynamic table is left out");
    String text = Files.readString(PIPELINES.resolve("totara.yaml"));
    for (String prefix :
        List.of("mdl_report_builder_cache_", "mdl_appraisal_quest_data_", "mdl_feedback360_")) {
      assertTrue(text.contains(prefix), prefix);
    }
  }

  /**
   * example.yaml documents every option of every command that takes --config, as found in picocli's
   * model: an option added without an entry there fails this test. Each key is set to its default
   * (or left unset), so that loading it changes nothing, and each has a comment.
   */
  @Test
  void theExampleHasEveryOptionEachCommentedAndSetToItsDefault() throws IOException {
    Path example = PIPELINES.resolve("example.yaml");
    ConfigFile file = ConfigFile.read(example);
    CommandLine cli = cli();
    Map<String, CommandSpec> commands = ConfigArguments.configurableCommands(cli);
    assertTrue(commands.keySet().containsAll(List.of("run", "check", "plan", "verify")));
    List<String> missing = new ArrayList<>();
    List<String> notDefault = new ArrayList<>();
    for (CommandSpec command : commands.values()) {
      ConfigFile.Entry section = file.entries().get(command.name());
      @SuppressWarnings("unchecked")
      Map<String, ConfigFile.Entry> own =
          section != null && section.value() instanceof Map<?, ?> m
              ? (Map<String, ConfigFile.Entry>) m
              : Map.of();
      for (Map.Entry<String, OptionSpec> key : ConfigArguments.keys(command).entrySet()) {
        ConfigFile.Entry entry = own.getOrDefault(key.getKey(), file.entries().get(key.getKey()));
        if (entry == null || entry.value() instanceof Map<?, ?>) {
          missing.add(command.name() + " " + key.getKey());
        } else if (!isDefault(key.getValue(), entry.value())) {
          notDefault.add(command.name() + " " + key.getKey() + ": " + entry.value());
        }
      }
    }
    assertEquals(List.of(), missing, "options missing from " + example);
    assertEquals(List.of(), notDefault, "keys of " + example + " not at their default");

    List<String> lines = Files.readAllLines(example);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.trim().startsWith("#") && !line.trim().endsWith(":")) {
        assertTrue(
            i > 0 && lines.get(i - 1).trim().startsWith("#"),
            "line " + (i + 1) + " of " + example + " has no comment above it: " + line);
      }
    }
  }

  private static boolean isDefault(OptionSpec option, Object value) {
    if (option.required()) {
      return true; // source and target: placeholders
    }
    if (option.arity().max() == 0) {
      return Boolean.FALSE.equals(value);
    }
    if (option.isMultiValue()) {
      return value == null || value.equals(List.of());
    }
    return value == null || value.toString().equals(option.defaultValue());
  }
}
