package org.moodlemigrate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.migration.ExitCodes;

/**
 * docs/troubleshooting.md lists every finding id the code can produce and every exit status it
 * defines, so an administrator who sees one can look it up. Both lists are taken from the code, so
 * the test fails as soon as a new id or status is added without its entry.
 *
 * <p>Finding ids are read from src/main/java: the first string literal given to {@code
 * Finding.error/warning/info(…)}, {@code new Finding(…)}, {@code new PlanProblem(…)} (planning
 * problems become findings) and {@code new Condition(…)} (the measured checks); and, in a file that
 * builds a finding from a variable id ({@code Finding.error(id, …)}), every string literal there
 * that is shaped like an id ({@code word-word…}), because that is where the variable gets it. An id
 * built from a constant declared in another file would escape this scan: keep ids as literals where
 * the finding is made.
 */
class TroubleshootingCoverageTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path PAGE = ROOT.resolve("docs/troubleshooting.md");

  private static final Pattern LITERAL_ID =
      Pattern.compile(
          "(?:Finding\\.(?:error|warning|info)|new\\s+(?:Finding|PlanProblem|Condition))"
              + "\\(\\s*\"([^\"]+)\"");
  private static final Pattern VARIABLE_ID =
      Pattern.compile("(?:Finding\\.(?:error|warning|info)|new\\s+Finding)\\(\\s*[A-Za-z_]");
  private static final Pattern ID_SHAPED = Pattern.compile("\"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\"");

  @Test
  void everyFindingIdInTheCodeHasAnEntry() throws IOException {
    String page = Files.readString(PAGE);
    Map<String, String> ids = findingIds(ROOT.resolve("src/main/java"));
    assertTrue(ids.size() >= 40, "the scan found only " + ids.size() + " ids: " + ids.keySet());
    List<String> missing = new ArrayList<>();
    ids.forEach(
        (id, file) -> {
          if (!page.contains("`" + id + "`")) {
            missing.add(id + " (" + file + ")");
          }
        });
    assertEquals(
        List.of(), missing, "finding ids with no `id` entry in docs/troubleshooting.md (Findings)");
  }

  @Test
  void everyExitStatusHasARowInTheExitStatusTable() throws IOException, IllegalAccessException {
    String section = section(Files.readString(PAGE), "## Exit statuses");
    TreeSet<Integer> codes = new TreeSet<>();
    for (Field f : ExitCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        codes.add(f.getInt(null));
      }
    }
    assertTrue(codes.containsAll(List.of(0, 1, 2, 3, 4, 5, 6)), "ExitCodes: " + codes);
    List<Integer> missing = new ArrayList<>();
    for (int code : codes) {
      if (!Pattern.compile("(?m)^\\| " + code + " \\|").matcher(section).find()) {
        missing.add(code);
      }
    }
    assertEquals(List.of(), missing, "exit statuses with no '| N |' row under '## Exit statuses'");
  }

  @Test
  void theScanFindsIdsGivenAsLiteralsAndThroughVariables() {
    Map<String, String> ids = new TreeMap<>();
    scan(
        "x.java",
        "out.add(Finding.warning(\n    \"plain-one\", m, f));\nnew PlanProblem(\"planned\", t);",
        ids);
    scan("y.java", "open(s, \"via-variable\", o);\nFinding.error(\n    id, m, f);", ids);
    scan("z.java", "log(\"not-an-id-here\");", ids);
    assertEquals(List.of("plain-one", "planned", "via-variable"), List.copyOf(ids.keySet()));
  }

  @Test
  void everyDocsTestMarkerIsWellFormed() throws IOException {
    List<String> errors = new ArrayList<>();
    for (Path page : DocsPages.list(ROOT)) {
      errors.addAll(ShellBlocks.read(ROOT, page).errors());
    }
    assertEquals(List.of(), errors);
  }

  /** id → the file it was found in (the first, by path). */
  static Map<String, String> findingIds(Path sources) throws IOException {
    Map<String, String> ids = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        scan(sources.relativize(file).toString(), Files.readString(file), ids);
      }
    }
    return ids;
  }

  private static void scan(String file, String code, Map<String, String> ids) {
    Matcher m = LITERAL_ID.matcher(code);
    while (m.find()) {
      ids.putIfAbsent(m.group(1), file);
    }
    if (VARIABLE_ID.matcher(code).find() && !file.endsWith("report/Finding.java")) {
      Matcher shaped = ID_SHAPED.matcher(code);
      while (shaped.find()) {
        ids.putIfAbsent(shaped.group(1), file);
      }
    }
  }

  private static String section(String page, String heading) {
    int start = page.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "no '" + heading + "' section in docs/troubleshooting.md");
    int end = page.indexOf("\n## ", start + heading.length() + 2);
    return end < 0 ? page.substring(start) : page.substring(start, end);
  }
}
