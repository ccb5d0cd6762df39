package org.moodlemigrate.casts;

/**
 * One pass over UTF-8 bytes as MySQL sends a utf8mb4 or utf8mb3 column: counts the characters (for
 * {@code varchar(n)} limits) and the NUL characters, and finds the first byte that is not valid
 * UTF-8 by the rules PostgreSQL applies (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF).
 *
 * <p>Decoding such a value into a Java String would replace an invalid sequence with U+FFFD without
 * a word; checking here lets the row be refused with the byte position named instead.
 */
final class Utf8Scan {
  int codePoints;
  int nuls;
  int firstNul;

  /** The offset of the first invalid byte, -1 when the text is valid. */
  int invalidAt;

  /** Scans {@code b[offset, offset + count)}; the fields hold the result until the next call. */
  Utf8Scan scan(byte[] b, int offset, int count) {
    codePoints = 0;
    nuls = 0;
    firstNul = -1;
    invalidAt = -1;
    int i = offset;
    int n = offset + count;
    while (i < n) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        if (c == 0) {
          if (nuls++ == 0) {
            firstNul = codePoints;
          }
        }
        i++;
      } else {
        int length = sequenceLength(b, i, n, c);
        if (length == 0) {
          invalidAt = i - offset;
          return this;
        }
        i += length;
      }
      codePoints++;
    }
    return this;
  }

  /** The length of the valid sequence starting at {@code i} with lead byte {@code c}, or 0. */
  private static int sequenceLength(byte[] b, int i, int n, int c) {
    if (c >= 0xC2 && c <= 0xDF) {
      return i + 1 < n && cont(b[i + 1]) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
      if (i + 2 >= n) {
        return 0;
      }
      int c1 = b[i + 1] & 0xFF;
      boolean second =
          c == 0xE0 ? c1 >= 0xA0 && c1 <= 0xBF : c == 0xED ? c1 >= 0x80 && c1 <= 0x9F : cont(c1);
      return second && cont(b[i + 2]) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (i + 3 >= n) {
        return 0;
      }
      int c1 = b[i + 1] & 0xFF;
      boolean second =
          c == 0xF0 ? c1 >= 0x90 && c1 <= 0xBF : c == 0xF4 ? c1 >= 0x80 && c1 <= 0x8F : cont(c1);
      return second && cont(b[i + 2]) && cont(b[i + 3]) ? 4 : 0;
    }
    return 0;
  }

  private static boolean cont(int b) {
    return (b & 0xC0) == 0x80;
  }
}
