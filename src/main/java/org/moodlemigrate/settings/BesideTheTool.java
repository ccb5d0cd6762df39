package org.moodlemigrate.settings;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The folders the build puts beside the tool's jar ({@code target/demo-lib/},
 * {@code target/flink-lib/}): found from where the tool's classes were loaded, the jar or {@code
 * target/classes}, so that a missing one can be named in the message that says it is missing.
 */
public final class BesideTheTool {
  private BesideTheTool() {}

  /** {@code name} beside the jar (or beside {@code target/classes}); empty when not known. */
  public static Optional<Path> folder(String name) {
    try {
      CodeSource source = BesideTheTool.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path parent = Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
      return parent == null ? Optional.empty() : Optional.of(parent.resolve(name));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
