package org.moodlemigrate.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands of a Markdown page: every fenced block whose language is {@code sh}, {@code
 * bash} or {@code shell}, with what the page says about running it.
 *
 * <p>A block is marked by an HTML comment on the last non-blank line before its opening fence,
 * invisible on the rendered page:
 *
 * <ul>
 *   <li>{@code <!-- docs-test: skip (REASON) -->}: not run by the suite; REASON says why (it needs
 *       PHP and Moodle's code, production servers, or it is the suite itself);
 *   <li>{@code <!-- docs-test: exit N -->}: run, and it must end with status N (a block that shows
 *       a refusal);
 *   <li>{@code <!-- docs-test: requires jq -->}: run where the programs named (beyond bash, git and
 *       the JDK the suite needs anyway) are installed, skipped elsewhere (failed under {@code
 *       CI=true}, where nothing may pass by not testing).
 * </ul>
 *
 * Every other block is run and must end with status 0. A marker that is not one of those, or that
 * stands before no shell block, is an error: a typo must not silently run (or skip) a block. Blocks
 * in other languages ({@code sql}, {@code php}, {@code json}, plain synopses) are never run. A
 * fence may be indented (a block inside a list item); the indentation is removed from its lines.
 */
final class ShellBlocks {
  static final Set<String> LANGUAGES = Set.of("sh", "bash", "shell");

  private static final Pattern FENCE = Pattern.compile("^( *)(```+|~~~+)\\s*([A-Za-z0-9_+-]*).*$");
  private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*docs-test:(.*?)-->\\s*$");
  private static final Pattern SKIP = Pattern.compile("^\\s*skip\\s*\\((.+)\\)\\s*$");
  private static final Pattern EXIT = Pattern.compile("^\\s*exit\\s+(\\d+)\\s*$");
  private static final Pattern REQUIRES =
      Pattern.compile("^\\s*requires((?:\\s+[A-Za-z0-9_.+-]+)+)\\s*$");

  /**
   * One shell block.
   *
   * @param file the page, relative to the repository's root
   * @param line the line of the opening fence, from 1
   * @param text the commands, indentation removed, ending with a newline
   * @param skipReason why the suite does not run it, or null when it runs
   * @param expectedExit the status it must end with
   * @param requires programs it needs that not every machine has (e.g. {@code jq})
   */
  record Block(
      String file,
      int line,
      String text,
      String skipReason,
      int expectedExit,
      List<String> requires) {
    String where() {
      return file + ":" + line;
    }
  }

  /** The blocks of one page, and the marker errors found on it. */
  record Page(List<Block> blocks, List<String> errors) {}

  private ShellBlocks() {}

  static Page read(Path root, Path page) throws IOException {
    return parse(root.relativize(page).toString(), Files.readAllLines(page));
  }

  static Page parse(String file, List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String pendingMarker = null;
    int markerLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher marker = MARKER.matcher(line);
      if (marker.matches()) {
        if (pendingMarker != null) {
          errors.add(file + ":" + markerLine + ": docs-test marker before no shell block");
        }
        pendingMarker = marker.group(1).trim();
        markerLine = i + 1;
        continue;
      }
      Matcher fence = FENCE.matcher(line);
      if (!fence.matches()) {
        if (!line.isBlank() && pendingMarker != null) {
          errors.add(file + ":" + markerLine + ": docs-test marker before no shell block");
          pendingMarker = null;
        }
        continue;
      }
      int indent = fence.group(1).length();
      String close = fence.group(2);
      String language = fence.group(3);
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !isClosing(lines.get(j), close)) {
        String body = lines.get(j);
        int strip = Math.min(indent, leadingSpaces(body));
        text.append(body.substring(strip)).append('\n');
        j++;
      }
      if (j == lines.size()) {
        errors.add(file + ":" + (i + 1) + ": code block never closed");
      }
      boolean shell = LANGUAGES.contains(language);
      if (pendingMarker != null && !shell) {
        errors.add(
            file + ":" + markerLine + ": docs-test marker before a '" + language + "' block");
      } else if (shell) {
        String skip = null;
        int exit = 0;
        List<String> requires = List.of();
        if (pendingMarker != null) {
          Matcher s = SKIP.matcher(pendingMarker);
          Matcher e = EXIT.matcher(pendingMarker);
          Matcher r = REQUIRES.matcher(pendingMarker);
          if (s.matches()) {
            skip = s.group(1).trim();
          } else if (e.matches()) {
            exit = Integer.parseInt(e.group(1));
          } else if (r.matches()) {
            requires = List.of(r.group(1).trim().split("\\s+"));
          } else {
            errors.add(
                file
                    + ":"
                    + markerLine
                    + ": unknown docs-test marker '"
                    + pendingMarker
                    + "' (expected 'skip (REASON)', 'exit N' or 'requires PROGRAM')");
          }
        }
        blocks.add(new Block(file, i + 1, text.toString(), skip, exit, requires));
      }
      pendingMarker = null;
      i = j;
    }
    if (pendingMarker != null) {
      errors.add(file + ":" + markerLine + ": docs-test marker before no shell block");
    }
    return new Page(blocks, errors);
  }

  private static boolean isClosing(String line, String opening) {
    String t = line.strip();
    return t.startsWith(opening.substring(0, 3)) && t.chars().allMatch(c -> c == opening.charAt(0));
  }

  private static int leadingSpaces(String s) {
    int n = 0;
    while (n < s.length() && s.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
