package org.moodlemigrate.anonymise;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML document as a tree that remembers the line of every node, so that each message about a
 * rules file names the line it is about.
 *
 * <p>Read with Jackson's streaming parser, as {@code ConfigFile} reads {@code --config} files,
 * because a Jackson tree or data binding forgets where things were written and its messages quote
 * values. Messages made here never quote the file's text.
 */
abstract sealed class YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
  final String origin;
  final int line;

  private YamlNode(String origin, int line) {
    this.origin = origin;
    this.line = line;
  }

  /** What the node is, for messages: "a mapping", "a list", "a value". */
  abstract String what();

  AnonymisationRulesException error(String reason) {
    return new AnonymisationRulesException(origin, line, reason);
  }

  Mapping mapping(String of) {
    if (this instanceof Mapping m) {
      return m;
    }
    throw error(of + " must be a mapping, not " + what());
  }

  Sequence sequence(String of) {
    if (this instanceof Sequence s) {
      return s;
    }
    throw error(of + " must be a list, not " + what());
  }

  Scalar scalar(String of) {
    if (this instanceof Scalar s && s.text != null) {
      return s;
    }
    throw error(of + " must be a value, not " + what());
  }

  /** A plain value; {@code text} is null for YAML's null ({@code ~}, {@code null}, nothing). */
  static final class Scalar extends YamlNode {
    final String text;
    final boolean bool;

    Scalar(String origin, int line, String text, boolean bool) {
      super(origin, line);
      this.text = text;
      this.bool = bool;
    }

    @Override
    String what() {
      return text == null ? "null" : "a value";
    }

    boolean asBoolean(String of) {
      if (!bool) {
        throw error(of + " must be true or false");
      }
      return Boolean.parseBoolean(text);
    }
  }

  /** A mapping with its keys in the order written. */
  static final class Mapping extends YamlNode {
    final Map<String, YamlNode> entries = new LinkedHashMap<>();

    Mapping(String origin, int line) {
      super(origin, line);
    }

    @Override
    String what() {
      return "a mapping";
    }

    YamlNode get(String key) {
      return entries.get(key);
    }

    /** Fails on the first key that is not one of {@code known}, naming the ones that are. */
    Mapping allowOnly(String of, Set<String> known) {
      for (Map.Entry<String, YamlNode> e : entries.entrySet()) {
        if (!known.contains(e.getKey())) {
          throw e.getValue()
              .error(of + " has an unknown key '" + e.getKey() + "'; known keys: " + known);
        }
      }
      return this;
    }

    String text(String key, String of) {
      YamlNode node = entries.get(key);
      if (node == null) {
        throw error(of + " has no '" + key + "'");
      }
      return node.scalar(of + ": '" + key + "'").text;
    }

    String optionalText(String key, String of) {
      YamlNode node = entries.get(key);
      return node == null ? null : node.scalar(of + ": '" + key + "'").text;
    }

    boolean flag(String key, String of) {
      YamlNode node = entries.get(key);
      return node != null && node.scalar(of + ": '" + key + "'").asBoolean(of + ": '" + key + "'");
    }

    /** A list of plain values (a single value is taken as a list of one). */
    List<String> texts(String key, String of) {
      YamlNode node = entries.get(key);
      if (node == null) {
        throw error(of + " has no '" + key + "'");
      }
      List<String> result = new ArrayList<>();
      if (node instanceof Scalar) {
        result.add(node.scalar(of + ": '" + key + "'").text);
        return result;
      }
      for (YamlNode item : node.sequence(of + ": '" + key + "'").items) {
        result.add(item.scalar(of + ": the items of '" + key + "'").text);
      }
      if (result.isEmpty()) {
        throw node.error(of + ": '" + key + "' is an empty list");
      }
      return result;
    }
  }

  /** A list. */
  static final class Sequence extends YamlNode {
    final List<YamlNode> items = new ArrayList<>();

    Sequence(String origin, int line) {
      super(origin, line);
    }

    @Override
    String what() {
      return "a list";
    }
  }

  /** Reads one YAML document; null when the input holds none. */
  static YamlNode read(InputStream in, String origin) {
    try (JsonParser parser = new YAMLFactory().createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      YamlNode root = node(parser, first, origin);
      if (parser.nextToken() != null) {
        throw new AnonymisationRulesException(
            origin, line(parser), "one YAML document per file, not several");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new AnonymisationRulesException(
          origin, problemLine(e), "not valid YAML (" + problem(e) + ")");
    } catch (IOException e) {
      throw new AnonymisationRulesException(
          origin, 0, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static YamlNode node(JsonParser parser, JsonToken token, String origin)
      throws IOException {
    int line = line(parser);
    return switch (token) {
      case START_OBJECT -> {
        Mapping m = new Mapping(origin, line);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = line(parser);
          if (m.entries.containsKey(key)) {
            throw new AnonymisationRulesException(
                origin,
                keyLine,
                "key '"
                    + key
                    + "' is already given on line "
                    + m.entries.get(key).line
                    + "; write it once");
          }
          m.entries.put(key, node(parser, parser.nextToken(), origin));
        }
        yield m;
      }
      case START_ARRAY -> {
        Sequence s = new Sequence(origin, line);
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          s.items.add(node(parser, t, origin));
        }
        yield s;
      }
      case VALUE_NULL -> new Scalar(origin, line, null, false);
      case VALUE_TRUE, VALUE_FALSE -> new Scalar(origin, line, parser.getText(), true);
      default -> new Scalar(origin, line, parser.getText(), false);
    };
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  /** The line SnakeYAML found the problem on, else the one Jackson was at. */
  private static int problemLine(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
          && marked.getProblemMark() != null) {
        return marked.getProblemMark().getLine() + 1;
      }
    }
    JsonLocation where = e.getLocation();
    return where == null ? 0 : where.getLineNr();
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
