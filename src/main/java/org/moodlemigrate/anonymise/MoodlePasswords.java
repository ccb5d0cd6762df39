package org.moodlemigrate.anonymise;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The {@code password} column of Moodle's {@code user} table in a sandbox.
 *
 * <p>A kept account gets a bcrypt hash of the configured kept password in the form PHP's {@code
 * password_hash()} makes and Moodle's {@code validate_internal_user_password()} checks: {@code
 * $2y$}, cost 10. Its salt is not random but HMAC(secret, "password-salt\0" + username), so two
 * refreshes with the same secret write the same hash and a second refresh changes nothing.
 *
 * <p>Every other account gets {@link #UNUSABLE}: not a bcrypt hash (no {@code $2y$}), not an MD5
 * hash (not 32 hex digits) and not Moodle's {@code not cached} marker, so no password whatever logs
 * in with it, and the source's hashes (which can be cracked offline) are not in the copy.
 */
final class MoodlePasswords {
  /** The password of every account that is not kept. */
  static final String UNUSABLE = "!sandbox";

  /** PHP's {@code PASSWORD_DEFAULT} cost, which Moodle uses. */
  static final int COST = 10;

  private MoodlePasswords() {}

  /** The {@code $2y$10$...} hash of the kept password for {@code username}. */
  static String keptHash(AnonymiseKeys keys, String username) {
    byte[] salt = Arrays.copyOf(keys.hmac("password-salt", username), 16);
    char[] password = keys.keptPassword();
    if (password == null) {
      throw new IllegalStateException("no kept password is configured");
    }
    try {
      return OpenBSDBCrypt.generate("2y", password, salt, COST);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
