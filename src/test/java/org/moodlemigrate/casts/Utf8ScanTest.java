package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ScanTest {
  private static Utf8Scan scan(byte[] b) {
    return new Utf8Scan().scan(b, 0, b.length);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void countsCharactersAndNuls() {
    Utf8Scan s = scan("a\0ü€😀\0".getBytes(StandardCharsets.UTF_8));
    assertEquals(-1, s.invalidAt);
    assertEquals(6, s.codePoints);
    assertEquals(2, s.nuls);
    assertEquals(1, s.firstNul);
  }

  @Test
  void findsWhatPostgresqlWouldRefuse() {
    assertEquals(1, scan(bytes('a', 0xC0, 0x80)).invalidAt, "overlong NUL");
    assertEquals(0, scan(bytes(0xED, 0xA0, 0x80)).invalidAt, "a surrogate");
    assertEquals(0, scan(bytes(0xF4, 0x90, 0x80, 0x80)).invalidAt, "above U+10FFFF");
    assertEquals(0, scan(bytes(0xE0, 0x80, 0x80)).invalidAt, "overlong three-byte form");
    assertEquals(2, scan(bytes('o', 'k', 0xE2, 0x82)).invalidAt, "cut short");
    assertEquals(0, scan(bytes(0x80)).invalidAt, "a lone continuation byte");
    assertEquals(1, scan(bytes('x', 0xE9, 'y')).invalidAt, "latin1 é");
  }

  @Test
  void agreesWithJavasStrictDecoderOnRandomBytes() {
    Random r = new Random(11);
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int i = 0; i < 100_000; i++) {
      byte[] b = new byte[r.nextInt(8)];
      for (int j = 0; j < b.length; j++) {
        // mostly the bytes that matter: leads, continuations, ASCII
        b[j] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(0x100));
      }
      boolean javaValid;
      try {
        decoder.decode(ByteBuffer.wrap(b));
        javaValid = true;
      } catch (CharacterCodingException e) {
        javaValid = false;
      }
      assertEquals(javaValid, scan(b).invalidAt < 0, java.util.HexFormat.of().formatHex(b));
    }
  }

  @Test
  void scansASliceOnly() {
    byte[] b = bytes(0xFF, 'a', 'b', 0xFF);
    Utf8Scan s = new Utf8Scan().scan(b, 1, 2);
    assertEquals(-1, s.invalidAt);
    assertEquals(2, s.codePoints);
  }
}
