package org.moodlemigrate.ddl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Hands out relation names in one PostgreSQL schema: unique and at most 63 bytes.
 *
 * <p>Tables, indexes, sequences and constraint indexes share one name space per schema in
 * PostgreSQL, while MySQL index names are only unique per table; and PostgreSQL truncates longer
 * names silently (NOTICE only), which can turn two distinct names into one. A wanted name that is
 * free and short enough is used as it is (Moodle's names always are); otherwise it is cut to fit
 * and given a short hash of the full name, so the result is stable from run to run.
 */
public final class NameAllocator {
  /** PostgreSQL's NAMEDATALEN - 1. */
  public static final int MAX_BYTES = 63;

  private final Set<String> taken;

  /**
   * @param taken names already used in the schema
   */
  public NameAllocator(Set<String> taken) {
    this.taken = new HashSet<>(taken);
  }

  public static boolean fits(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  public boolean isTaken(String name) {
    return taken.contains(name);
  }

  /** Takes exactly {@code name}; false when it is taken or too long. */
  public boolean reserve(String name) {
    return fits(name) && taken.add(name);
  }

  /** A free name as close to {@code wanted} as possible, and takes it. */
  public String allocate(String wanted) {
    if (reserve(wanted)) {
      return wanted;
    }
    String hash = shortHash(wanted);
    String base = cut(wanted, MAX_BYTES - hash.length() - 1) + "_" + hash;
    if (reserve(base)) {
      return base;
    }
    for (int i = 2; ; i++) {
      String suffix = "_" + hash + i;
      String candidate = cut(wanted, MAX_BYTES - suffix.length()) + suffix;
      if (reserve(candidate)) {
        return candidate;
      }
    }
  }

  /**
   * The longest prefix of {@code s} of at most {@code maxBytes} UTF-8 bytes, on a character
   * boundary.
   */
  static String cut(String s, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) {
        break;
      }
      bytes += len;
      end += Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  private static String shortHash(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
