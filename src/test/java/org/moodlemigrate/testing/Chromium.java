package org.moodlemigrate.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, to see a page as a person's browser builds it: {@link
 * #dumpDom} returns the document after parsing (what was markup and what was text), {@link
 * #screenshot} a PNG. Runs with {@code --no-sandbox} (tests run as root in CI) and a profile of its
 * own in a scratch directory, so no state of another run leaks in.
 */
public final class Chromium {
  private final Path binary;
  private final Path profile;

  private Chromium(Path binary, Path profile) {
    this.binary = binary;
    this.profile = profile;
  }

  /**
   * The browser: {@code MM_CHROMIUM} when set (a path, or {@code none} to test as if there were
   * none), else {@code chromium} or {@code chromium-browser} on the PATH.
   */
  public static Optional<Path> find() {
    String chosen = System.getenv("MM_CHROMIUM");
    if (chosen != null && !chosen.isBlank()) {
      Path p = Path.of(chosen);
      return chosen.equals("none") || !Files.isExecutable(p) ? Optional.empty() : Optional.of(p);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The browser, with its profile in {@code scratch}. */
  public static Chromium in(Path scratch) {
    return new Chromium(
        find().orElseThrow(() -> new IllegalStateException("chromium is not installed")),
        scratch.resolve("chromium-profile"));
  }

  /** The page's document as the browser built it ({@code --dump-dom}). */
  public String dumpDom(Path page) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", page.toUri().toString()));
  }

  /** A screenshot of the page, {@code width} pixels wide, written to {@code png}. */
  public void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(
        List.of(
            "--screenshot=" + png.toAbsolutePath(),
            "--window-size=" + width + "," + height,
            "--hide-scrollbars",
            page.toUri().toString()));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(args);
    Path out = Files.createTempFile("chromium-out", ".txt");
    Path err = Files.createTempFile("chromium-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not finish within 2 minutes: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "chromium exited "
                + p.exitValue()
                + ": "
                + command
                + "\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * The text a document shows, roughly as {@code innerText} would give it: style and title left
   * out, every tag a space, entities decoded. Markup that a value smuggled in as markup would be
   * gone from here; a value shown as text is here as written.
   */
  public static String visibleText(String dom) {
    String body =
        dom.replaceAll("(?is)<head>.*?</head>", " ").replaceAll("(?is)<style.*?</style>", " ");
    String text = body.replaceAll("(?s)<[^>]*>", " ");
    text =
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&");
    return text.replaceAll("\\s+", " ");
  }
}
