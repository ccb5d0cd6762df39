package org.moodlemigrate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.testing.JsonKeyPaths;

/**
 * The JSON reports and docs/cli.md agree key for key, whatever a run happens to fill in: the keys
 * Jackson writes for {@link RunReport} and {@link VerificationReport} (every property, recursively,
 * each list by its elements' keys) are exactly the keys of the documented examples. A key added to
 * a report and not documented fails here, as does a documented key the report lost. ({@code
 * HtmlReportIT} compares the reports of a real run with the same examples.)
 */
class ReportDocsTest {
  private static final Path CLI_MD = Path.of("docs/cli.md");

  @Test
  void runsReportHasTheDocumentedKeys() throws Exception {
    SortedSet<String> documented = new TreeSet<>();
    for (String p : JsonKeyPaths.of(only(JsonKeyPaths.documented(CLI_MD, "### The report")))) {
      if (!p.startsWith("verification.")) {
        documented.add(p);
      }
    }
    // The run's example elides its verification: it is verify's report, documented below it.
    for (String p : JsonKeyPaths.of(only(JsonKeyPaths.documented(CLI_MD, "## `verify`")))) {
      documented.add("verification." + p);
    }
    assertEquals(documented, keysOf(RunReport.class), "run --report against docs/cli.md");
  }

  @Test
  void verifysReportHasTheDocumentedKeys() throws Exception {
    assertEquals(
        JsonKeyPaths.of(only(JsonKeyPaths.documented(CLI_MD, "## `verify`"))),
        keysOf(VerificationReport.class),
        "verify --report against docs/cli.md");
  }

  @Test
  void elisionsAreRemovedBeforeParsing() throws Exception {
    JsonNode node =
        new ObjectMapper()
            .readTree(
                JsonKeyPaths.withoutElisions(
                    "{ \"a\": [ { \"b\": \"…\" }, … ], \"c\": { … }, \"d\": [ 1, … ] }"));
    assertEquals(
        new TreeSet<>(List.of("a", "a[]", "a[].b", "c", "d", "d[]")), JsonKeyPaths.of(node));
  }

  private static JsonNode only(List<JsonNode> blocks) {
    assertEquals(1, blocks.size(), "one ```json example in the section");
    return blocks.get(0);
  }

  /** The key paths the report's writer produces for {@code type}, from Jackson's own view of it. */
  static SortedSet<String> keysOf(Class<?> type) {
    ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    SortedSet<String> paths = new TreeSet<>();
    collect(mapper.getSerializationConfig(), mapper.constructType(type), "", paths);
    return paths;
  }

  private static void collect(
      SerializationConfig config, JavaType type, String prefix, SortedSet<String> paths) {
    if (type.isCollectionLikeType() || type.isArrayType()) {
      paths.add(prefix + "[]");
      collect(config, type.getContentType(), prefix + "[]", paths);
      return;
    }
    if (!type.getRawClass().getName().startsWith("org.moodlemigrate.") || type.isEnumType()) {
      return; // a value: string, number, boolean, time, enum
    }
    for (BeanPropertyDefinition p : config.introspect(type).findProperties()) {
      if (!p.couldSerialize()) {
        continue;
      }
      String path = prefix.isEmpty() ? p.getName() : prefix + "." + p.getName();
      paths.add(path);
      collect(config, p.getPrimaryType(), path, paths);
    }
  }
}
