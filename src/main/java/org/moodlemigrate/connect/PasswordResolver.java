package org.moodlemigrate.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a side's password: in a file named on the command line, else in an environment variable,
 * else none (trust or socket authentication, or an empty password).
 *
 * <p>The command line never holds the password itself (the process list shows arguments to every
 * local user). A file wins over the environment because it was named explicitly for this run. The
 * file's first line is the password; a trailing newline, which editors and {@code echo} add, is not
 * part of it. A file that other users can read is used but warned about.
 */
public final class PasswordResolver {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordResolver.class);

  private final Map<String, String> environment;

  public PasswordResolver(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Uses the process environment. */
  public static PasswordResolver fromSystem() {
    return new PasswordResolver(System.getenv());
  }

  /**
   * @param file the {@code --x-password-file} value, or null
   * @param variable the environment variable to look at, e.g. {@code MM_SOURCE_PASSWORD}
   * @param option the file option's name, for messages
   */
  public Secret resolve(Path file, String variable, String option) {
    if (file != null) {
      return readFile(file, option)
          .withOrigin("the file " + file + " (" + option + ")")
          .fromFile(file);
    }
    String fromEnv = environment.get(variable);
    if (fromEnv == null) {
      return Secret.none().withOrigin(variable + " is not set and no " + option + " was given");
    }
    return fromEnv.isEmpty()
        ? Secret.none().withOrigin(variable + " is set but empty")
        : Secret.of(fromEnv).withOrigin(variable).fromVariable(variable);
  }

  /**
   * The first line of {@code file}, also what a worker reads ({@link Secret}); {@code option} names
   * the file in the errors, which never hold its content.
   */
  static Secret readFile(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      // Not named: the value may be the password itself, given where its file's name belongs.
      throw new IllegalArgumentException(
          option
              + ": there is no such file (the option takes the name of a file whose first line is"
              + " the password, never the password itself)");
    }
    warnIfReadableByOthers(file, option);
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          option + ": cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    int newline = content.indexOf('\n');
    String first = newline < 0 ? content : content.substring(0, newline);
    if (first.endsWith("\r")) {
      first = first.substring(0, first.length() - 1);
    }
    return Secret.of(first);
  }

  private static void warnIfReadableByOthers(Path file, String option) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.OTHERS_READ)
          || perms.contains(PosixFilePermission.GROUP_READ)) {
        LOG.warn("{}: {} is readable by other users; consider chmod 600", option, file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to check.
    }
  }
}
