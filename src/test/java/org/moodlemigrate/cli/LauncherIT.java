package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * {@code bin/moodle-migrate} on every JDK installed beside the one running the tests (17 and 25 on
 * this project's machines): a migration runs and the JVM prints no warning of its own (JDK 24+
 * warns about {@code sun.misc.Unsafe}, JDK 22+ about native access, unless told); and a Java older
 * than 17 is refused with a message that says what to install.
 */
class LauncherIT {
  private static final Pattern VERSION =
      Pattern.compile("^JAVA_VERSION=\"([^\"]+)\"", Pattern.MULTILINE);

  /** Every JDK of 17 or later in the directory the running one is in, by its home. */
  static Stream<String> installedJdks() throws IOException {
    Path home = Path.of(System.getProperty("java.home")).toRealPath();
    List<String> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(home.getParent())) {
      for (Path dir : dirs.sorted().toList()) {
        Path release = dir.resolve("release");
        if (Files.isSymbolicLink(dir) || !Files.isRegularFile(release)) {
          continue;
        }
        Matcher m = VERSION.matcher(Files.readString(release));
        if (m.find() && major(m.group(1)) >= 17 && Files.isExecutable(dir.resolve("bin/java"))) {
          out.add(dir.toString());
        }
      }
    }
    if (!out.contains(home.toString())) {
      out.add(home.toString());
    }
    return out.stream();
  }

  private static int major(String version) {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    return Integer.parseInt(v.split("[.+-]")[0]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("installedJdks")
  void runsQuietlyOnEveryInstalledJdk(String javaHome, @TempDir Path dir) throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("launch_src");
        TestDatabase target = TestServers.postgresql().createDatabase("launch_tgt")) {
      try (Connection c = source.connect();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id INT PRIMARY KEY, v MEDIUMTEXT) CHARSET utf8mb4");
        st.execute("INSERT INTO t VALUES (1, 'a'), (2, REPEAT('é', 70000))");
      }
      CliRun run =
          launch(
              javaHome,
              CliRun.passwords(source, target),
              "run",
              "--source",
              source.uri(),
              "--target",
              target.uri(),
              "--schema-mode",
              "create",
              "--rejects-dir",
              dir.toString());
      assertEquals(0, run.exitCode(), run.transcript());
      assertEquals(List.of(), run.jvmWarnings(), run.transcript());
    }
  }

  @Test
  void refusesAJavaOlderThan17NamingWhatToInstall(@TempDir Path dir) throws Exception {
    Path home = fakeJava(dir.resolve("jdk11"), "11.0.22", true);
    CliRun run = launch(home.toString(), Map.of(), "--version");
    assertEquals(4, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("needs Java 17 or later"), run.transcript());
    assertTrue(run.err().contains("Java 11.0.22"), run.transcript());
    assertFalse(run.out().contains("moodle-migrate 0"), run.transcript());
  }

  @Test
  void readsTheVersionFromJavaItselfWithoutAReleaseFile(@TempDir Path dir) throws Exception {
    Path home = fakeJava(dir.resolve("jre8"), "1.8.0_392", false);
    CliRun run = launch(home.toString(), Map.of(), "--version");
    assertEquals(4, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("Java 1.8.0_392"), run.transcript());
  }

  /** A Java home whose {@code java} only prints a version, as an old JRE's would. */
  private static Path fakeJava(Path home, String version, boolean releaseFile) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "if [ \"$1\" = -version ]; then echo 'openjdk version \""
            + version
            + "\" 2024-01-16' >&2; exit 0; fi\n"
            + "echo 'this old java must not be started' >&2; exit 99\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (releaseFile) {
      Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    }
    return home;
  }

  private static CliRun launch(String javaHome, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return CliRun.processOn(javaHome, env, args);
  }
}
