package org.moodlemigrate.journal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per target schema: a PostgreSQL advisory lock held by a session of its own for
 * as long as the run lasts.
 *
 * <p>An advisory lock dies with its session, so a run that is killed ({@code kill -9}, the OOM
 * killer, a lost machine) never blocks the next one: when its connection goes, so does the lock. A
 * second {@code run} — or a {@code run --resume} started while the first is still alive, which
 * "status says running" might suggest — asks for the same lock, does not get it, and refuses before
 * it writes anything, naming the holder: the run and process from the lock session's {@code
 * application_name}, since when ({@code backend_start}), and from which client address. {@code
 * verify} takes the lock shared: several may compare at once, none while a run writes.
 *
 * <p>The lock is keyed by the target schema (two ints: a constant for the tool and a checksum of
 * the schema's name); PostgreSQL keeps advisory locks per database. A heartbeat checks the lock's
 * session every {@value #HEARTBEAT_SECONDS} s. Should the session die under a live run (a
 * connection reset, a terminated backend), the lock is taken again at once; if another run has
 * taken it meanwhile, {@link #lost()} says so and the run stops writing.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

  /** The first key of every moodle-migrate lock: "MM". */
  static final int TOOL_KEY = 0x4D4D;

  static final long HEARTBEAT_SECONDS = 20;

  /** Opens a connection to the target for the lock's session. */
  @FunctionalInterface
  public interface Sessions {
    Connection open() throws SQLException;
  }

  /** Whether the lock is had exclusively (a run, a cleanup) or shared (a verification). */
  public enum Mode {
    EXCLUSIVE,
    SHARED
  }

  private final Sessions sessions;
  private final String targetSchema;
  private final Mode mode;
  private volatile String label;
  private volatile Connection session;
  private volatile String lostReason;
  private volatile java.util.function.Consumer<String> onLost = reason -> {};
  private final ScheduledExecutorService heartbeat;

  private RunLock(
      Sessions sessions, String targetSchema, Mode mode, String label, Connection session) {
    this.sessions = sessions;
    this.targetSchema = targetSchema;
    this.mode = mode;
    this.label = label;
    this.session = session;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "run-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleWithFixedDelay(
        this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  /** Refused: another session holds the lock. The message names it; nothing was written. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock of {@code targetSchema}, or says who holds it.
   *
   * @param what what takes it, for the holder's description: {@code run}, {@code verify} …
   * @throws HeldException when another session holds it (exclusively, or at all for {@link
   *     Mode#EXCLUSIVE})
   */
  public static RunLock acquire(Sessions sessions, String targetSchema, Mode mode, String what)
      throws SQLException, HeldException {
    String label = describe(what);
    Connection c = sessions.open();
    try {
      quickAnswers(c);
      setLabel(c, label);
      if (!tryLock(c, targetSchema, mode)) {
        String holder = holder(c, targetSchema);
        throw new HeldException(
            (mode == Mode.EXCLUSIVE ? "another moodle-migrate process" : "a moodle-migrate run")
                + " holds target schema "
                + targetSchema
                + ": "
                + holder
                + ". Wait until it has finished (or stop it) and start again; run --resume"
                + " continues a run only once it has stopped");
      }
      return new RunLock(sessions, targetSchema, mode, label, c);
    } catch (SQLException | HeldException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /** Says, in the lock's session, which run now holds it ({@code run 12}). */
  public void describeAs(String what) {
    String next = describe(what);
    label = next;
    Connection c = session;
    if (c == null) {
      return;
    }
    synchronized (this) {
      try {
        setLabel(c, next);
      } catch (SQLException e) {
        LOG.debug("cannot rename the run lock's session: {}", e.getMessage());
      }
    }
  }

  /** Why the lock was lost to another process while this one ran; null while it holds it. */
  public String lost() {
    return lostReason;
  }

  /** What to do when the lock is lost to another process (stop the copy). */
  public void onLost(java.util.function.Consumer<String> action) {
    this.onLost = action;
    if (lostReason != null) {
      action.accept(lostReason);
    }
  }

  /** {@code moodle-migrate run: pid 4711 on host db1}: what the holder's session is called. */
  static String describe(String what) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown host";
    }
    String text =
        "moodle-migrate " + what + ": pid " + ProcessHandle.current().pid() + " on " + host;
    // application_name keeps 63 bytes; cut at a character boundary.
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 63) {
      return text;
    }
    int end = 63;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  /** The lock's session only ever runs instant statements: a server silent for long is gone. */
  private static void quickAnswers(Connection c) throws SQLException {
    c.setNetworkTimeout(Runnable::run, (int) TimeUnit.SECONDS.toMillis(60));
  }

  private static void setLabel(Connection c, String label) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
      ps.setString(1, label);
      ps.executeQuery().close();
    }
  }

  /** The second key: a checksum of the schema name, as a signed int. */
  static int schemaKey(String targetSchema) {
    CRC32 crc = new CRC32();
    crc.update(targetSchema.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  private static boolean tryLock(Connection c, String targetSchema, Mode mode) throws SQLException {
    String function =
        mode == Mode.EXCLUSIVE ? "pg_try_advisory_lock" : "pg_try_advisory_lock_shared";
    try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
      ps.setInt(1, TOOL_KEY);
      ps.setInt(2, schemaKey(targetSchema));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * Who holds the lock of {@code targetSchema} now, without asking for it ({@code status}); null
   * when nobody does.
   */
  public static String currentHolder(Connection c, String targetSchema) throws SQLException {
    String holder = holder(c, targetSchema);
    return holder.equals(NOBODY) ? null : holder;
  }

  private static final String NOBODY = "a session that has just ended (try again)";

  /** Who holds the lock: its session's name, since when, from where. */
  static String holder(Connection c, String targetSchema) throws SQLException {
    String sql =
        "SELECT a.pid, a.application_name, a.backend_start, host(a.client_addr), a.usename,"
            + " l.mode FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ?"
            + " AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname ="
            + " current_database()) AND l.pid <> pg_backend_pid() ORDER BY a.backend_start";
    StringBuilder out = new StringBuilder();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, TOOL_KEY);
      ps.setLong(2, Integer.toUnsignedLong(schemaKey(targetSchema)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (out.length() > 0) {
            out.append("; and ");
          }
          String name = rs.getString(2);
          out.append(name == null || name.isBlank() ? "a session" : name);
          java.sql.Timestamp since = rs.getTimestamp(3);
          if (since != null) {
            out.append(", since ")
                .append(
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                        .withZone(ZoneOffset.UTC)
                        .format(since.toInstant()));
          }
          String client = rs.getString(4);
          out.append(" (PostgreSQL backend ").append(rs.getInt(1));
          if (client != null) {
            out.append(", client ").append(client);
          }
          if (rs.getString(5) != null) {
            out.append(", role ").append(rs.getString(5));
          }
          out.append(")");
        }
      }
    }
    return out.length() == 0 ? NOBODY : out.toString();
  }

  /** Checks the session; takes the lock again on a new one if the old one died. */
  private synchronized void beat() {
    if (lostReason != null || session == null) {
      return;
    }
    try (Statement st = session.createStatement()) {
      st.execute("SELECT 1");
      return;
    } catch (SQLException e) {
      LOG.warn(
          "The session holding the run lock of schema {} failed ({}); taking the lock again",
          targetSchema,
          e.getMessage());
    }
    closeQuietly(session);
    session = null;
    try {
      Connection c = sessions.open();
      quickAnswers(c);
      setLabel(c, label);
      if (tryLock(c, targetSchema, mode)) {
        session = c;
        LOG.info("Took the run lock of schema {} again", targetSchema);
        return;
      }
      lostReason =
          "the run lock of target schema "
              + targetSchema
              + " was lost and is now held by "
              + holder(c, targetSchema);
      closeQuietly(c);
      LOG.error("{}; this run stops writing", lostReason);
      onLost.accept(lostReason);
    } catch (SQLException e) {
      // The target is away: the copy's own connections fail too; try again at the next beat.
      LOG.warn("Cannot take the run lock again yet: {}", e.getMessage());
    }
  }

  /** Gives the lock back and closes its session. */
  @Override
  public synchronized void close() {
    heartbeat.shutdownNow();
    Connection c = session;
    session = null;
    if (c == null) {
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute(
          "SELECT "
              + (mode == Mode.EXCLUSIVE ? "pg_advisory_unlock" : "pg_advisory_unlock_shared")
              + "("
              + TOOL_KEY
              + ", "
              + schemaKey(targetSchema)
              + ")");
    } catch (SQLException e) {
      LOG.debug("cannot release the run lock (its session ends anyway): {}", e.getMessage());
    }
    closeQuietly(c);
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing the run lock's session: {}", e.getMessage());
    }
  }
}
