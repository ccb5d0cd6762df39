package org.moodlemigrate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.moodlemigrate.cli.CliContext;
import org.moodlemigrate.cli.Main;

/**
 * Runs the real command line: as a separate {@code java -jar target/moodle-migrate.jar} process
 * (what users run: exit codes, stdout, stderr, environment), or in-process through {@link Main}
 * (faster, same code path below the JVM).
 *
 * @param exitCode the exit status
 * @param out what went to stdout
 * @param err what went to stderr (the logs)
 */
public record CliRun(int exitCode, String out, String err) {

  /** The environment that gives a run the passwords of its source and target. */
  public static Map<String, String> passwords(TestDatabase source, TestDatabase target) {
    return Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password());
  }

  /** Runs the built jar in a new JVM with extra environment variables. */
  public static CliRun process(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    return process(List.of(), environment, args);
  }

  /**
   * Runs the built jar in a new JVM with JVM options ({@code -Xmx300m}, {@code
   * -Duser.timezone=Pacific/Auckland}) and extra environment variables.
   */
  public static CliRun process(
      List<String> jvmOptions, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    return await(builder(jvmOptions, environment, args));
  }

  /** Runs the launcher with another Java ({@code JAVA_HOME}), without JVM options. */
  public static CliRun processOn(String javaHome, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = builder(List.of(), environment, args);
    builder.environment().put("JAVA_HOME", javaHome);
    return await(builder);
  }

  /**
   * Starts the built jar through the launcher and returns at once, for tests that act on a run
   * while it goes on (send it a signal).
   */
  public static Running start(Map<String, String> environment, String... args) throws IOException {
    ProcessBuilder builder = builder(List.of(), environment, args);
    Path out = Files.createTempFile("mm-out", ".txt");
    Path err = Files.createTempFile("mm-err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new Running(builder.start(), out, err);
  }

  /** A run in progress, in a process of its own. */
  public record Running(Process process, Path out, Path err) {
    /** Sends it a signal ({@code INT}, {@code TERM}) as a terminal or a service manager would. */
    public void signal(String name) throws IOException, InterruptedException {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    }

    /** What it printed so far on stderr. */
    public String errSoFar() throws IOException {
      return Files.readString(err);
    }

    /** Waits for it to end. */
    public CliRun await(long timeout, TimeUnit unit) throws IOException, InterruptedException {
      try {
        if (!process.waitFor(timeout, unit)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "moodle-migrate did not end within " + timeout + " " + unit + ":\n" + errSoFar());
        }
        return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }
  }

  private static CliRun await(ProcessBuilder builder) throws IOException, InterruptedException {
    List<String> command = builder.command();
    Path out = Files.createTempFile("mm-out", ".txt");
    Path err = Files.createTempFile("mm-err", ".txt");
    try {
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "moodle-migrate did not finish within 10 minutes: " + command);
      }
      return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * A process running the built jar through {@code bin/moodle-migrate}, as users run it, on this
   * JVM's Java ({@code JAVA_HOME}), with JVM options ({@code JAVA_OPTS}) and extra environment
   * variables; the tool's password variables of this JVM are not passed on.
   */
  static ProcessBuilder builder(
      List<String> jvmOptions, Map<String, String> environment, String... args) {
    String jar = System.getProperty("mm.jar", "target/moodle-migrate.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "the jar " + jar + " is not built; run the tests with mvn verify");
    }
    for (String option : jvmOptions) {
      if (option.contains(" ")) {
        throw new IllegalArgumentException("JAVA_OPTS cannot hold a space: " + option);
      }
    }
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("MM_SOURCE_PASSWORD");
    builder.environment().remove("MM_TARGET_PASSWORD");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("MM_JAR", Path.of(jar).toAbsolutePath().toString());
    builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions));
    builder.environment().putAll(environment);
    return builder;
  }

  /** {@code bin/moodle-migrate} of this checkout. */
  public static Path launcher() {
    Path launcher = Path.of(System.getProperty("mm.launcher", "bin/moodle-migrate"));
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(launcher + " is missing or not executable");
    }
    return launcher.toAbsolutePath();
  }

  /**
   * The JVM's own warnings on stderr ({@code WARNING: A terminally deprecated method in
   * sun.misc.Unsafe …}); the tool's findings print as {@code WARNING <id>: …}, without the colon.
   */
  public List<String> jvmWarnings() {
    return err.lines().filter(l -> l.startsWith("WARNING: ")).toList();
  }

  /** Runs the command line in this JVM with the given environment. */
  public static CliRun inProcess(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.execute(args, new CliContext(new HashMap<>(environment), o, e));
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Everything the run printed, for assertion messages. */
  public String transcript() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
