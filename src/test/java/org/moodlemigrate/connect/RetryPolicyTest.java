package org.moodlemigrate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void backsOffExponentiallyWithJitterUpToTheCap() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    for (int i = 0; i < 200; i++) {
      long first = p.delayAfter(1).toMillis();
      assertTrue(first >= 800 && first <= 1000, "first wait " + first);
      long third = p.delayAfter(3).toMillis();
      assertTrue(third >= 3200 && third <= 4000, "third wait " + third);
      long late = p.delayAfter(40).toMillis();
      assertTrue(late >= 24_000 && late <= 30_000, "capped wait " + late);
    }
  }

  @Test
  void countsAttempts() {
    RetryPolicy p = RetryPolicy.retries(2);
    assertEquals(3, p.attempts());
    assertTrue(p.allowsAnother(1));
    assertTrue(p.allowsAnother(2));
    assertFalse(p.allowsAnother(3));
    assertFalse(RetryPolicy.retries(0).allowsAnother(1));
  }

  @Test
  void refusesNonsenseNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.retries(-1));
    assertTrue(e.getMessage().contains("--retries"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(1, Duration.ofSeconds(5), Duration.ofSeconds(1)));
  }
}
