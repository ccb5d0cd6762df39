package org.moodlemigrate.anonymise;

/**
 * RFC 4648 base32 in lower case without padding: letters and the digits 2-7 only, so a pseudonym is
 * safe in a username (Moodle allows {@code a-z0-9_-.@}), an e-mail address and a URL.
 */
final class Base32 {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private Base32() {}

  static String lower(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }
}
