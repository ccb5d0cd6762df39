package org.moodlemigrate.transforms;

import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one attempt at a chunk so that a silent server never hangs a run.
 *
 * <p>A paused server, a half-open connection or a firewall that drops packets without a word leave
 * a driver call waiting for ever: a read on a socket without a timeout, or — which no socket
 * timeout covers — a write of COPY data into a full send buffer. The copy loop reports progress
 * here (a row read, a buffer sent, a statement done), with what it is waiting on. When an attempt
 * has made no progress for {@code --server-timeout}, the watch aborts its connections ({@link
 * Connection#abort}): the blocked call fails at once, the attempt fails as a transient failure,
 * which counts as an attempt and is retried after a backoff like any other. Before that, once the
 * wait passes a quarter of the timeout (at most a minute), the log says what the chunk is waiting
 * on, and again every such interval, so an operator never watches a silent terminal.
 *
 * <p>One timer thread per JVM checks every watched attempt every second.
 */
public final class ChunkWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkWatch.class);
  private static final Set<ChunkWatch> WATCHED = ConcurrentHashMap.newKeySet();
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chunk-watch");
            t.setDaemon(true);
            return t;
          });

  static {
    TIMER.scheduleWithFixedDelay(ChunkWatch::checkAll, 1, 1, TimeUnit.SECONDS);
  }

  /** What an attempt waits on, for messages. */
  public enum Side {
    SOURCE("the source"),
    TARGET("the target");

    private final String label;

    Side(String label) {
      this.label = label;
    }
  }

  private final String chunk;
  private final long timeoutNanos;
  private final long noticeNanos;
  private volatile long lastProgress = System.nanoTime();
  private volatile long lastNotice;
  private volatile Side side = Side.TARGET;
  private volatile String doing = "starting";
  private volatile Connection source;
  private volatile Connection target;
  private volatile String timedOut;
  private volatile String table;
  private volatile long rowsSent;
  private volatile long bytesSent;

  private ChunkWatch(String chunk, Duration timeout) {
    this.chunk = chunk;
    this.timeoutNanos = timeout.toNanos();
    this.noticeNanos = Math.min(timeout.toNanos() / 4, TimeUnit.MINUTES.toNanos(1));
  }

  /** Starts watching an attempt at {@code chunk} ({@code mdl_log[3/12 …)}). */
  public static ChunkWatch start(String chunk, Duration timeout) {
    return start(null, chunk, timeout);
  }

  /**
   * Starts watching an attempt at a chunk of {@code table} whose rows count in the run's progress
   * ({@link CopyProgress}) while it is in flight.
   */
  static ChunkWatch start(String table, String chunk, Duration timeout) {
    ChunkWatch watch = new ChunkWatch(chunk, timeout);
    watch.table = table;
    WATCHED.add(watch);
    return watch;
  }

  /** The attempts in flight in this JVM. */
  static Collection<ChunkWatch> watched() {
    return WATCHED;
  }

  /** The table whose chunk this attempt copies; null for a sample, which is not progress. */
  String table() {
    return table;
  }

  /** Rows read and COPY bytes sent to the target so far by this attempt. */
  void sent(long rows, long bytes) {
    this.rowsSent = rows;
    this.bytesSent = bytes;
  }

  long rowsSent() {
    return rowsSent;
  }

  long bytesSent() {
    return bytesSent;
  }

  /** The connections to abort when the attempt hangs. */
  void connections(Connection source, Connection target) {
    if (source != null) {
      this.source = source;
    }
    if (target != null) {
      this.target = target;
    }
  }

  /** Progress: the attempt is now waiting on {@code side}, {@code doing} something. */
  void waiting(Side side, String doing) {
    this.side = side;
    this.doing = doing;
    progress();
  }

  /** Progress without a change of what it waits on (another row, another buffer). */
  void progress() {
    lastProgress = System.nanoTime();
  }

  /**
   * Why the attempt was abandoned, {@code no answer from the target for 300 s while …}; or null.
   */
  String timedOut() {
    return timedOut;
  }

  private static void checkAll() {
    long now = System.nanoTime();
    for (ChunkWatch w : WATCHED) {
      try {
        w.check(now);
      } catch (RuntimeException e) {
        LOG.debug("chunk watch: {}", e.getMessage());
      }
    }
  }

  private void check(long now) {
    if (timedOut != null) {
      return;
    }
    long idle = now - lastProgress;
    if (idle >= timeoutNanos) {
      timedOut =
          "no answer from "
              + side.label
              + " for "
              + TimeUnit.NANOSECONDS.toSeconds(idle)
              + " s while "
              + doing
              + " (--server-timeout "
              + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos)
              + " s)";
      LOG.warn("{}: {}; abandoning this attempt", chunk, timedOut);
      abort(source);
      abort(target);
    } else if (idle >= noticeNanos && now - lastNotice >= noticeNanos) {
      lastNotice = now;
      LOG.warn(
          "{}: waiting on {} for {} s ({}); the attempt is abandoned after {} s without an answer",
          chunk,
          side.label,
          TimeUnit.NANOSECONDS.toSeconds(idle),
          doing,
          TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
    }
  }

  /**
   * Aborts every attempt being watched in this JVM: the run was interrupted, and the chunks in
   * flight are to roll back now rather than finish. Their transactions end on the server as their
   * connections close.
   */
  public static void abortAll() {
    for (ChunkWatch w : WATCHED) {
      abort(w.source);
      abort(w.target);
    }
  }

  private static void abort(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.abort(Runnable::run);
    } catch (Exception e) {
      LOG.debug("abort of a hung connection: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    WATCHED.remove(this);
  }
}
