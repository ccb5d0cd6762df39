package org.moodlemigrate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.Chromium;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.JsonKeyPaths;
import org.moodlemigrate.testing.RequiresChromium;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The reports of one small real run and of a {@code verify} after it, end to end: the JSON reports
 * have exactly the keys docs/cli.md documents, verify's report holds every table with its chunks,
 * and the HTML pages, opened in headless Chromium, show the tables (a table named {@code <script>}
 * as text), the totals, the status, a bar per copied table, the rejects with their file, and
 * neither the password nor any external reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportIT {
  private static final String SECRET = "Pw-" + Long.toHexString(System.nanoTime()) + "-h7ml";
  private static final String HOSTILE = "<script>";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private TestDatabase source;
  private TestDatabase target;
  private String user;
  private CliRun run;
  private CliRun verify;
  private JsonNode runJson;
  private JsonNode verifyJson;

  @BeforeAll
  void runAndVerifyASmallSite() throws Exception {
    source = TestServers.mysql().createDatabase("html_src");
    target = TestServers.postgresql().createDatabase("html_tgt");
    user = "mmt_h_" + Long.toHexString(System.nanoTime()).substring(0, 8);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_course (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, fullname"
              + " VARCHAR(254) NOT NULL, shortname VARCHAR(255) NOT NULL)");
      for (int i = 1; i <= 10; i++) {
        st.execute(
            "INSERT INTO mdl_course (fullname, shortname) VALUES ('Course "
                + i
                + "', 'c"
                + i
                + "')");
      }
      st.execute("CREATE TABLE `" + HOSTILE + "` (id INT PRIMARY KEY, v VARCHAR(20))");
      st.execute("INSERT INTO `" + HOSTILE + "` VALUES (1, 'a'), (2, '<b>'), (3, NULL)");
      // A NUL in text, stripped by the default --on-nul strip: a changed value, and a reject file.
      st.execute("CREATE TABLE mdl_log (id BIGINT PRIMARY KEY, info TEXT)");
      st.execute(
          "INSERT INTO mdl_log VALUES (1, 'plain'), (2, CONCAT('a', CHAR(0), 'b')), (3, 'x')");
      st.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + SECRET + "'");
      st.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + SECRET + "'");
      st.execute("GRANT SELECT ON `" + source.name() + "`.* TO '" + user + "'@'%'");
      st.execute("GRANT SELECT ON `" + source.name() + "`.* TO '" + user + "'@'localhost'");
    }
    Map<String, String> env = new HashMap<>();
    env.put("MM_SOURCE_PASSWORD", SECRET);
    env.put("MM_TARGET_PASSWORD", target.password());
    String sourceUri =
        "mysql://" + user + "@" + source.host() + ":" + source.port() + "/" + source.name();
    List<String> common =
        List.of("--source", sourceUri, "--target", target.uri(), "--chunk-rows", "4");
    run =
        CliRun.inProcess(
            env,
            concat(
                List.of("run"),
                common,
                List.of(
                    "--schema-mode",
                    "create",
                    "--verify",
                    "checksums",
                    "--rejects-dir",
                    dir.resolve("rejects").toString(),
                    "--report",
                    dir.resolve("run.json").toString(),
                    "--report-html",
                    dir.resolve("run.html").toString())));
    assertEquals(ExitCodes.OK, run.exitCode(), run.transcript());
    verify =
        CliRun.inProcess(
            env,
            concat(
                List.of("verify"),
                common,
                List.of(
                    "--report",
                    dir.resolve("verify.json").toString(),
                    "--report-html",
                    dir.resolve("verify.html").toString())));
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.transcript());
    keepForPeople("run.json", "run.html", "verify.json", "verify.html");
    runJson = JSON.readTree(dir.resolve("run.json").toFile());
    verifyJson = JSON.readTree(dir.resolve("verify.json").toFile());
  }

  /** The reports stay in target/html-report/ after the test, to be looked at. */
  private static void keepForPeople(String... files) throws java.io.IOException {
    Path kept = Files.createDirectories(Path.of("target", "html-report"));
    for (String f : files) {
      Files.copy(dir.resolve(f), kept.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @AfterAll
  void drop() throws SQLException {
    if (source != null) {
      try (Connection c = source.connect();
          Statement st = c.createStatement()) {
        st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        st.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
      }
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void theJsonReportsHaveExactlyTheDocumentedKeys() throws Exception {
    List<JsonNode> runDocs = JsonKeyPaths.documented(Path.of("docs/cli.md"), "### The report");
    List<JsonNode> verifyDocs = JsonKeyPaths.documented(Path.of("docs/cli.md"), "## `verify`");
    assertEquals(1, runDocs.size(), "one example of run's report in docs/cli.md");
    assertEquals(1, verifyDocs.size(), "one example of verify's report in docs/cli.md");
    SortedSet<String> verifyDocumented = JsonKeyPaths.of(verifyDocs.get(0));
    // run's example elides its verification ("verification": { … }): it is verify's report.
    SortedSet<String> runDocumented = new TreeSet<>();
    // Its sandbox section is null in a plain run; SandboxRefreshIT compares it with a refresh's.
    for (String p : JsonKeyPaths.of(runDocs.get(0))) {
      if (!p.startsWith("verification.") && !p.startsWith("sandbox.")) {
        runDocumented.add(p);
      }
    }
    verifyDocumented.forEach(p -> runDocumented.add("verification." + p));
    assertSameKeys("run --report", runDocumented, JsonKeyPaths.of(runJson));
    assertSameKeys("verify --report", verifyDocumented, JsonKeyPaths.of(verifyJson));
  }

  private static void assertSameKeys(
      String what, SortedSet<String> documented, SortedSet<String> real) {
    SortedSet<String> undocumented = new TreeSet<>(real);
    undocumented.removeAll(documented);
    SortedSet<String> absent = new TreeSet<>(documented);
    absent.removeAll(real);
    assertTrue(
        undocumented.isEmpty() && absent.isEmpty(),
        what
            + ": keys in the report but not in docs/cli.md's example: "
            + undocumented
            + "; documented but not in the report: "
            + absent);
  }

  @Test
  void verifysReportHoldsEveryTableWithItsChunksAndTheirChecksums() {
    assertTrue(verifyJson.get("passed").asBoolean());
    assertEquals("checksums", verifyJson.get("level").asText());
    Map<String, JsonNode> tables = byName(verifyJson.get("tables"), "table");
    assertEquals(
        new TreeSet<>(List.of("mdl_course", "mdl_log", HOSTILE)), new TreeSet<>(tables.keySet()));
    JsonNode course = tables.get("mdl_course");
    assertEquals("ok", course.get("status").asText());
    assertEquals(10, course.get("sourceRows").asLong());
    assertEquals(10, course.get("targetRows").asLong());
    // 10 rows in chunks of about 4: the run's own chunks, each compared, each with both checksums.
    assertEquals(course.get("chunks").size(), course.get("chunksChecked").asInt());
    assertTrue(course.get("chunks").size() >= 3, course.toString());
    long rows = 0;
    for (JsonNode chunk : course.get("chunks")) {
      assertTrue(chunk.get("sourceChecksum").asText().matches("[0-9a-f]{32}"), chunk.toString());
      assertEquals(chunk.get("sourceChecksum"), chunk.get("targetChecksum"), chunk.toString());
      rows += chunk.get("sourceRows").asLong();
    }
    assertEquals(10, rows);
    // The NUL the run stripped is accounted for, not a difference.
    JsonNode log = tables.get("mdl_log");
    assertEquals("accounted", log.get("status").asText(), log.toString());
    assertEquals(1, log.get("differencesAccounted").asLong());
    assertEquals(1, verifyJson.get("tablesAccounted").asInt());
    assertEquals(0, verifyJson.get("tablesDiffering").asInt());
    // The run's own verification lists every table too.
    assertEquals(3, runJson.get("verification").get("tables").size());
  }

  @Test
  @RequiresChromium
  void theRunPageShowsTheRunAsABrowserBuildsIt() throws Exception {
    Path page = dir.resolve("run.html");
    String file = Files.readString(page);
    assertSelfContained(file);
    String dom = Chromium.in(dir).dumpDom(page);
    String text = Chromium.visibleText(dom);

    // A table named <script> is text on the page, never an element.
    assertFalse(dom.toLowerCase(Locale.ROOT).contains("<script"), "a value became markup");
    assertTrue(dom.contains("&lt;script&gt;"), "the hostile table name is not shown as text");
    for (String table : List.of("mdl_course", "mdl_log", HOSTILE)) {
      assertTrue(text.contains(table), "the page does not show the table " + table);
    }
    assertTrue(
        text.contains("moodle-migrate run " + runJson.get("runId").asLong() + " succeeded"), text);
    JsonNode totals = runJson.get("totals");
    assertTrue(text.contains("rows written " + totals.get("rowsWritten").asLong()), text);
    assertEquals(16, totals.get("rowsWritten").asLong());
    assertTrue(text.contains("values changed " + totals.get("valuesChanged").asLong()), text);
    assertTrue(text.contains("copied " + totals.get("copied").asInt()), text);

    // The chart: a row of bars per copied table, each row naming its table.
    List<String> charted = attributes(dom, "g", "data-table");
    assertEquals(
        new TreeSet<>(List.of("mdl_course", "mdl_log", HOSTILE)),
        new TreeSet<>(charted),
        "the chart has a row per table");
    assertEquals(3 * charted.size(), count(dom, "<rect class=\"bar "), "three bars per table");

    // The rejects: the changed value, and the file that lists it.
    String rejectsFile =
        byName(runJson.get("tables"), "name").get("mdl_log").get("rejectsFile").asText();
    assertTrue(text.contains(rejectsFile), "the page does not name the reject file " + rejectsFile);
    // The verification, the settings (the endpoint without its password), the findings.
    assertTrue(text.contains("Verification passed checksums: 3 tables compared"), text);
    assertTrue(text.contains(runJson.get("source").asText()), text);
    assertTrue(text.contains("--chunk-rows 4"), text);
    for (JsonNode f : runJson.get("findings")) {
      assertTrue(text.contains(f.get("id").asText()), "finding " + f.get("id") + " not shown");
    }
    assertFalse(dom.contains(SECRET) || file.contains(SECRET), "the page holds the password");

    Path png = dir.resolve("run.png");
    Chromium.in(dir).screenshot(page, png, 1280, 2400);
    keepForPeople("run.png");
  }

  @Test
  @RequiresChromium
  void theVerifyPageShowsEveryTableAndTheVerdict() throws Exception {
    Path page = dir.resolve("verify.html");
    String file = Files.readString(page);
    assertSelfContained(file);
    String dom = Chromium.in(dir).dumpDom(page);
    String text = Chromium.visibleText(dom);
    assertFalse(dom.toLowerCase(Locale.ROOT).contains("<script"), "a value became markup");
    assertTrue(text.contains("moodle-migrate verify passed"), text);
    assertTrue(text.contains("mdl_course ok 10 10"), text);
    assertTrue(text.contains(HOSTILE + " ok 3 3"), text);
    assertTrue(text.contains("mdl_log accounted 3 3"), text);
    assertFalse(dom.contains(SECRET) || file.contains(SECRET), "the page holds the password");
  }

  /** Nothing loaded from elsewhere: no script, link, image, frame, import or URL of any kind. */
  private static void assertSelfContained(String html) {
    String lower = html.toLowerCase(Locale.ROOT);
    for (String banned :
        List.of(
            "<script",
            "<link",
            "<img",
            "<iframe",
            "<object",
            "<embed",
            "@import",
            "url(",
            "src=",
            "href=",
            "http://",
            "https://",
            "//cdn")) {
      assertFalse(lower.contains(banned), "the page references something outside it: " + banned);
    }
  }

  private static List<String> attributes(String dom, String tag, String attribute) {
    Matcher m =
        Pattern.compile("<" + tag + "\\b[^>]*\\b" + attribute + "=\"([^\"]*)\"").matcher(dom);
    List<String> values = new java.util.ArrayList<>();
    while (m.find()) {
      values.add(
          m.group(1)
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&quot;", "\"")
              .replace("&#39;", "'")
              .replace("&amp;", "&"));
    }
    return values;
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static Map<String, JsonNode> byName(JsonNode array, String key) {
    Map<String, JsonNode> m = new HashMap<>();
    array.forEach(t -> m.put(t.get(key).asText(), t));
    assertNotNull(array);
    return m;
  }

  @SafeVarargs
  private static String[] concat(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toArray(String[]::new);
  }
}
