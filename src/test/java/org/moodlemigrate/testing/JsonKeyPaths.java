package org.moodlemigrate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a JSON document as a set of key paths, to compare a report with its documented
 * example: {@code totals.rowsRead}, {@code tables[].name}; an array is {@code name[]}, and its
 * elements' keys (of all elements together) follow it. Values do not matter, nor does a null: a key
 * is there or it is not.
 */
public final class JsonKeyPaths {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonKeyPaths() {}

  public static SortedSet<String> of(JsonNode node) {
    SortedSet<String> paths = new TreeSet<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String prefix, SortedSet<String> paths) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
        paths.add(path);
        collect(f.getValue(), path, paths);
      }
    } else if (node.isArray()) {
      String path = prefix + "[]";
      paths.add(path);
      for (JsonNode element : node) {
        collect(element, path, paths);
      }
    }
  }

  /**
   * The {@code ```json} blocks of a Markdown section: those after the heading {@code heading} (a
   * whole heading line, {@code ### The report}) up to the next heading of the same or a higher
   * level. The elisions the examples use ({@code , …} in an array or object, {@code { … }}) are
   * removed before parsing.
   */
  public static List<JsonNode> documented(Path markdown, String heading) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    int start = lines.indexOf(heading);
    if (start < 0) {
      throw new IllegalStateException(markdown + " has no heading " + heading);
    }
    int level = heading.indexOf(' ');
    List<JsonNode> blocks = new ArrayList<>();
    StringBuilder block = null;
    boolean fenced = false;
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!fenced && line.startsWith("#")) {
        int l = line.indexOf(' ');
        if (l > 0 && l <= level && line.substring(0, l).chars().allMatch(c -> c == '#')) {
          break;
        }
      }
      if (line.startsWith("```")) {
        if (!fenced) {
          fenced = true;
          block = line.equals("```json") ? new StringBuilder() : null;
        } else {
          fenced = false;
          if (block != null) {
            blocks.add(JSON.readTree(withoutElisions(block.toString())));
          }
          block = null;
        }
      } else if (fenced && block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  private static final Pattern ELIDED_OBJECT = Pattern.compile("\\{\\s*…\\s*}");
  private static final Pattern ELIDED_ITEMS = Pattern.compile(",\\s*…");

  /** The example's text with its elisions removed, valid JSON again. */
  public static String withoutElisions(String json) {
    Matcher m = ELIDED_OBJECT.matcher(json);
    String s = m.replaceAll("{}");
    return ELIDED_ITEMS.matcher(s).replaceAll("");
  }
}
