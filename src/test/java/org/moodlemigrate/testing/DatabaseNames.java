package org.moodlemigrate.testing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names for test databases: {@code mmt_<label>_<16 hex digits>}.
 *
 * <p>The random part (64 bits from {@link SecureRandom}) keeps names apart across concurrent test
 * JVMs sharing one server, without coordination; the prefix lets a person find and drop leftovers
 * ({@code mmt_%}); the label says which test made it. Names stay within PostgreSQL's 63 and MySQL's
 * 64 character limits, and use only characters that need no quoting anywhere.
 */
final class DatabaseNames {

  static final String PREFIX = "mmt_";
  private static final int MAX_LABEL_LENGTH = 24;
  private static final SecureRandom RANDOM = new SecureRandom();

  private DatabaseNames() {}

  static String unique(String label) {
    String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("A test database needs a label, e.g. \"e2e\"");
    }
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return PREFIX
        + clean.substring(0, Math.min(clean.length(), MAX_LABEL_LENGTH))
        + "_"
        + HexFormat.of().formatHex(random);
  }
}
