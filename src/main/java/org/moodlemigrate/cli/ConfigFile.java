package org.moodlemigrate.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code --config FILE.yaml} as written: its keys, each with the line it is on and its value. It
 * knows nothing of options; {@link ConfigArguments} decides what the keys mean.
 *
 * <p>Read with Jackson's streaming YAML parser rather than into a tree, because a tree forgets
 * where a key was written, and every message about a key names its line. Messages never quote the
 * file's text: a line of it may hold a password that the file must not have.
 */
final class ConfigFile {
  /**
   * One key.
   *
   * @param value a {@link String} (any scalar but a boolean, as written), a {@link Boolean}, a
   *     {@code List<String>}, a {@code Map<String, Entry>} (a nested mapping), or null (written as
   *     {@code ~}, {@code null} or nothing: not set)
   */
  record Entry(String key, int line, Object value) {}

  private final Path path;
  private final Map<String, Entry> entries;

  private ConfigFile(Path path, Map<String, Entry> entries) {
    this.path = path;
    this.entries = Collections.unmodifiableMap(entries);
  }

  Path path() {
    return path;
  }

  /** The top-level keys in the order written. */
  Map<String, Entry> entries() {
    return entries;
  }

  /** The directory relative paths in the file are resolved against. */
  Path directory() {
    Path parent = path.getParent();
    return parent == null ? Path.of("") : parent;
  }

  /** Where a line is, for messages: {@code pipelines/x.yaml line 7}. */
  String at(int line) {
    return path + " line " + line;
  }

  static ConfigFile read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("--config: no such file: " + path);
    }
    try (JsonParser parser = new YAMLFactory().createParser(path.toFile())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new ConfigFile(path, new LinkedHashMap<>());
      }
      if (first != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(
            path + " line " + line(parser) + ": expected a mapping of option names to values");
      }
      Map<String, Entry> entries = mapping(parser, path);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException(
            path + " line " + line(parser) + ": one YAML document per file, not several");
      }
      return new ConfigFile(path, entries);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      throw new IllegalArgumentException(
          path
              + (where == null ? "" : " line " + where.getLineNr())
              + ": not valid YAML ("
              + problem(e)
              + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--config: cannot read " + path + ": " + e.getClass().getSimpleName());
    }
  }

  private static Map<String, Entry> mapping(JsonParser parser, Path path) throws IOException {
    Map<String, Entry> result = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int line = line(parser);
      if (result.containsKey(key)) {
        throw new IllegalArgumentException(
            path
                + " line "
                + line
                + ": key '"
                + key
                + "' is already set on line "
                + result.get(key).line()
                + "; write it once");
      }
      result.put(key, new Entry(key, line, value(parser, parser.nextToken(), key, path)));
    }
    return result;
  }

  private static Object value(JsonParser parser, JsonToken token, String key, Path path)
      throws IOException {
    return switch (token) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT -> mapping(parser, path);
      case START_ARRAY -> list(parser, key, path);
      default -> parser.getText();
    };
  }

  private static List<String> list(JsonParser parser, String key, Path path) throws IOException {
    List<String> items = new ArrayList<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t == JsonToken.VALUE_NULL) {
        throw new IllegalArgumentException(
            path + " line " + line(parser) + ": the items of '" + key + "' must be plain values");
      }
      items.add(parser.getText());
    }
    return items;
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  /**
   * What is wrong, without the excerpt of the file that SnakeYAML's messages carry (the line may
   * hold a secret).
   */
  private static String problem(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
          && marked.getProblem() != null) {
        return marked.getProblem();
      }
    }
    return "the parser stopped here";
  }
}
