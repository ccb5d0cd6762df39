package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyTextBufferTest {
  private static String text(CopyTextBuffer b) {
    return new String(b.array(), 0, b.completeLength(), StandardCharsets.UTF_8);
  }

  @Test
  void separatesFieldsWithTabsAndEndsRowsWithNewlines() {
    CopyTextBuffer b = new CopyTextBuffer(8);
    b.appendAscii("1");
    b.appendNull();
    b.appendText("x");
    b.endRow();
    b.appendAscii("2");
    b.endRow();
    assertEquals("1\t\\N\tx\n2\n", text(b));
  }

  @Test
  void escapesBackslashTabNewlineAndCarriageReturn() {
    CopyTextBuffer b = new CopyTextBuffer(8);
    b.appendText("a\\b\tc\nd\re");
    b.endRow();
    assertEquals("a\\\\b\\tc\\nd\\re\n", text(b));
  }

  @Test
  void aValueHoldingTheEndMarkerCannotEndTheData() {
    CopyTextBuffer b = new CopyTextBuffer(8);
    b.appendText("\\.");
    b.endRow();
    b.appendText("line\n\\.\nmore");
    b.endRow();
    assertEquals("\\\\.\nline\\n\\\\.\\nmore\n", text(b));
  }

  @Test
  void encodesEveryKindOfCharacterAsUtf8() {
    String s = "é ü ß ł 日本語 עברית e\u0301 😀 𠮷 \u007f \u0080 \u07ff \u0800 \uffff";
    CopyTextBuffer b = new CopyTextBuffer(4);
    b.appendText(s);
    b.endRow();
    assertArrayEquals(
        (s + "\n").getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.array(), b.completeLength()));
  }

  @Test
  void matchesJavasUtf8EncoderOnRandomText() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(200);
      while (sb.length() < n) {
        int cp =
            random.nextInt(4) == 0
                ? 0x10000 + random.nextInt(0x100000)
                : 1 + random.nextInt(0xD7FF);
        if (cp == '\\' || cp == '\t' || cp == '\n' || cp == '\r') {
          continue;
        }
        sb.appendCodePoint(cp);
      }
      CopyTextBuffer b = new CopyTextBuffer(16);
      b.appendText(sb);
      assertArrayEquals(
          sb.toString().getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.array(), b.length()));
    }
  }

  @Test
  void refusesNulAndUnpairedSurrogates() {
    CopyTextBuffer b = new CopyTextBuffer(8);
    assertThrows(IllegalArgumentException.class, () -> b.appendText("a\0b"));
    assertThrows(IllegalArgumentException.class, () -> b.appendText("a\ud800"));
    assertThrows(IllegalArgumentException.class, () -> b.appendText("\udc00a"));
  }

  @Test
  void writesByteaAsEscapedHex() {
    CopyTextBuffer b = new CopyTextBuffer(8);
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    b.appendBytea(all);
    b.endRow();
    String out = text(b);
    assertTrue(out.startsWith("\\\\x000102"));
    assertTrue(out.endsWith("fdfeff\n"));
    assertEquals(3 + 512 + 1, out.length());
    CopyTextBuffer empty = new CopyTextBuffer(8);
    empty.appendBytea(new byte[0]);
    empty.endRow();
    assertEquals("\\\\x\n", text(empty));
  }

  @Test
  void abortRowDropsOnlyThePartialRow() {
    CopyTextBuffer b = new CopyTextBuffer(8);
    b.appendAscii("1");
    b.endRow();
    b.appendAscii("2");
    b.appendText("half");
    b.abortRow();
    b.appendAscii("3");
    b.endRow();
    assertEquals("1\n3\n", text(b));
  }

  @Test
  void clearingCompleteRowsKeepsThePartialOneAndShrinksAfterAHugeValue() {
    CopyTextBuffer b = new CopyTextBuffer(64);
    b.appendText("x".repeat(10_000));
    b.endRow();
    b.appendAscii("partial");
    assertTrue(b.array().length >= 10_000);
    b.clearCompleteRows();
    assertEquals(0, b.completeLength());
    assertEquals("partial".length(), b.length());
    assertTrue(b.array().length <= 64, "the buffer shrinks back after a huge value");
    b.endRow();
    assertEquals("partial\n", text(b));
  }

  /** Everything {@link CopyTextBuffer#writeCompleteRows} sends, as text. */
  private static String sent(CopyTextBuffer b) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    b.writeCompleteRows(out::write);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void utf8BytesAreEscapedLikeTheSameText() throws Exception {
    String s = "a\\b\tc\nd\re ü😀 \\.";
    byte[] utf8 = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
    CopyTextBuffer bytes = new CopyTextBuffer(8);
    bytes.appendUtf8(utf8, 2, utf8.length - 4);
    bytes.endRow();
    CopyTextBuffer text = new CopyTextBuffer(8);
    text.appendText(s);
    text.endRow();
    assertEquals(text(text), text(bytes));
  }

  @Test
  void largeValuesAreSentFromTheirSourceBytesExactlyAsSmallOnesWouldBe() throws Exception {
    Random random = new Random(7);
    byte[] blob = new byte[CopyTextBuffer.LARGE_VALUE * 3 + 17];
    random.nextBytes(blob);
    String big = "ü\\\t😀x\n".repeat(CopyTextBuffer.LARGE_VALUE / 4);
    byte[] utf8 = big.getBytes(StandardCharsets.UTF_8);

    CopyTextBuffer large = new CopyTextBuffer(64);
    large.appendAscii("1");
    large.appendLargeUtf8(utf8, 0, utf8.length);
    large.appendLargeBytea(blob, 5, blob.length - 5);
    large.appendText("after");
    large.endRow();
    large.appendAscii("2");
    large.appendLargeUtf8(utf8, 0, utf8.length); // a refused row's large value is never sent
    large.abortRow();
    large.appendAscii("3");
    large.endRow();
    assertTrue(large.hasLargeValues());

    CopyTextBuffer small = new CopyTextBuffer(64);
    small.appendAscii("1");
    small.appendText(big);
    small.appendBytea(Arrays.copyOfRange(blob, 5, blob.length));
    small.appendText("after");
    small.endRow();
    small.appendAscii("3");
    small.endRow();

    assertEquals(text(small), sent(large));
    assertTrue(!large.hasLargeValues());
    assertEquals(0, large.completeLength());
  }

  @Test
  void aPartialRowWithALargeValueSurvivesTheSendingOfCompleteRows() throws Exception {
    byte[] utf8 = "z".repeat(CopyTextBuffer.LARGE_VALUE).getBytes(StandardCharsets.UTF_8);
    CopyTextBuffer b = new CopyTextBuffer(64);
    b.appendAscii("1");
    b.endRow();
    b.appendAscii("2");
    b.appendLargeUtf8(utf8, 0, utf8.length);
    assertEquals("1\n", sent(b));
    b.endRow();
    assertEquals("2\t" + "z".repeat(CopyTextBuffer.LARGE_VALUE) + "\n", sent(b));
  }
}
