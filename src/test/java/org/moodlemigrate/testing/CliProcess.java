package org.moodlemigrate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line running as a separate process that a test can watch and interrupt: killed with
 * SIGKILL half-way, as an operator's {@code kill -9} or an OOM killer would.
 */
public final class CliProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private CliProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code java -jar target/moodle-migrate.jar args...} with extra environment variables.
   */
  public static CliProcess start(Map<String, String> environment, String... args)
      throws IOException {
    ProcessBuilder builder = CliRun.builder(List.of(), environment, args);
    Path out = Files.createTempFile("mm-out", ".txt");
    Path err = Files.createTempFile("mm-err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new CliProcess(builder.start(), out, err);
  }

  /** The process id (the launcher execs java, so it is the JVM's). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no finally block, no last journal write. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(1, TimeUnit.MINUTES);
  }

  /** Waits for the end and returns what the process printed. */
  public CliRun await() throws IOException, InterruptedException {
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("moodle-migrate did not finish within 10 minutes");
    }
    return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** What it printed so far. */
  public String transcript() throws IOException {
    return "--- stdout\n" + Files.readString(out) + "\n--- stderr\n" + Files.readString(err);
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
  }
}
