package org.moodlemigrate.connect;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a chunk is tried again after a transient failure ({@link TransientErrors}), and how
 * long to wait in between: exponential backoff from {@code firstDelay}, doubling up to {@code
 * maxDelay}, with up to a fifth of random jitter so that chunks that failed together (a server
 * restart fails them all) do not all come back in the same instant.
 *
 * <p>The default, 5 retries from 1 s to 30 s, rides out about a minute of outage: a server restart
 * or a failover, not a server that is down for good, which should fail the table and be resumed
 * ({@code run --resume}) when it is back.
 *
 * @param retries how many times a chunk is tried again after its first attempt; 0 for never
 * @param firstDelay the wait before the first retry
 * @param maxDelay the longest wait
 */
public record RetryPolicy(int retries, Duration firstDelay, Duration maxDelay)
    implements Serializable {
  public static final int DEFAULT_RETRIES = 5;
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(DEFAULT_RETRIES, Duration.ofSeconds(1), Duration.ofSeconds(30));

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("--retries must not be negative, got " + retries);
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("retry delays must satisfy 0 <= first <= max");
    }
  }

  /** The default delays with another number of retries. */
  public static RetryPolicy retries(int retries) {
    return new RetryPolicy(retries, DEFAULT.firstDelay, DEFAULT.maxDelay);
  }

  /** The number of attempts in all. */
  public int attempts() {
    return retries + 1;
  }

  /** Whether a chunk that failed transiently on attempt {@code attempt} (1-based) gets another. */
  public boolean allowsAnother(int attempt) {
    return attempt <= retries;
  }

  /**
   * The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed.
   */
  public Duration delayAfter(int attempt) {
    long base = firstDelay.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    long capped = Math.min(base, maxDelay.toMillis());
    long jitter = capped / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
    return Duration.ofMillis(Math.max(0, capped - jitter));
  }
}
