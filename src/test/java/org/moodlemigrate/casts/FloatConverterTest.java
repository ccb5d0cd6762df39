package org.moodlemigrate.casts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatConverterTest {
  @Test
  void shortestDecimalOfAFloatIsWhatPeopleTyped() {
    assertEquals("0.1", FloatConverter.shortest(0.1f));
    assertEquals("1.0000001", FloatConverter.shortest(1.0000001f));
    assertEquals("-1234.5677", FloatConverter.shortest(-1234.5678f));
    assertEquals("3.4028235E+38", FloatConverter.shortest(Float.MAX_VALUE));
    assertEquals("1E-45", FloatConverter.shortest(Float.MIN_VALUE));
    assertEquals("0", FloatConverter.shortest(0f));
    assertEquals("-0", FloatConverter.shortest(-0f));
  }

  @Test
  void everyFloatReadsBackAsTheSameBits() {
    Random r = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      float f = Float.intBitsToFloat(r.nextInt());
      if (!Float.isFinite(f)) {
        continue;
      }
      String s = FloatConverter.shortest(f);
      assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(Float.parseFloat(s)), s);
    }
  }
}
