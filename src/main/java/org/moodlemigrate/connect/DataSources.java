package org.moodlemigrate.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Builds bounded HikariCP pools for an {@link Endpoint}.
 *
 * <p>Pools are bounded per side so that {@code --parallelism} translates into a known number of
 * server connections ({@link ConnectionBudget}), which the pre-flight checks compare with {@code
 * max_connections}; they open connections only when asked, so a worker's pool holds no more than
 * the chunks it copies at once. Source pools are read-only at
 * the server ({@code SET SESSION TRANSACTION READ ONLY} through the driver), which is how the tool
 * guarantees it never writes to the source.
 */
public final class DataSources {
  /**
   * How long a server may stay silent before the tool gives up on the call ({@code
   * --server-timeout}): far longer than any legitimate pause in a copy (a server sends a streaming
   * result without pause, and takes a chunk's COPY as it comes), short enough that a paused server
   * or a half-open connection costs minutes, not the night.
   */
  public static final Duration DEFAULT_SERVER_TIMEOUT = Duration.ofMinutes(5);

  /** How long the copy's pools wait for a connection before the attempt counts as failed. */
  static final Duration COPY_CONNECTION_WAIT = Duration.ofSeconds(30);

  /** The same for the driver's own pools, whose connections may be busy building indexes. */
  static final Duration ADMIN_CONNECTION_WAIT = Duration.ofMinutes(2);

  private DataSources() {}

  /**
   * Opens a pool and checks that one connection can be made.
   *
   * @throws ConnectionFailedException naming the endpoint (never the password) when the server
   *     cannot be reached or refuses the login
   */
  public static HikariDataSource open(Endpoint endpoint, ConnectionRole role, int maxSize) {
    return open(endpoint, role, maxSize, DEFAULT_SERVER_TIMEOUT);
  }

  /**
   * Opens a pool whose copy connections give up on a server silent for {@code serverTimeout}: the
   * source's reads (a streaming result arrives without pauses) and the target's COPY connections,
   * which {@code ChunkWatch} watches as well (a socket timeout does not cover a blocked write). The
   * driver's own pools ({@link ConnectionRole#ADMIN}) have none: an index build, an ANALYZE or an
   * exact count of a huge table may legitimately go for hours without a byte on the wire.
   */
  public static HikariDataSource open(
      Endpoint endpoint, ConnectionRole role, int maxSize, Duration serverTimeout) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName(endpoint, role));
    config.setJdbcUrl(withSocketTimeout(endpoint, role, serverTimeout).jdbcUrl());
    config.setUsername(endpoint.user());
    if (!endpoint.password().isEmpty()) {
      config.setPassword(endpoint.password().reveal());
    }
    config.setMaximumPoolSize(Math.max(1, maxSize));
    config.setMinimumIdle(0);
    // Waiting for a connection is part of an attempt: a server that cannot give one in time fails
    // the attempt, which counts towards --retries, rather than stalling the run.
    config.setConnectionTimeout(
        role == ConnectionRole.ADMIN
            ? ADMIN_CONNECTION_WAIT.toMillis()
            : Math.max(250, Math.min(COPY_CONNECTION_WAIT.toMillis(), serverTimeout.toMillis())));
    config.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
    config.setInitializationFailTimeout(1);
    config.setAutoCommit(true);
    if (endpoint.kind() == DatabaseKind.MYSQL) {
      config.setReadOnly(true);
    } else {
      config.setConnectionInitSql(postgresSession(role));
    }
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw ConnectionFailure.of(endpoint, e);
    }
  }

  /**
   * One connection outside any pool, with the same URL and login as a pool's: for a session that
   * must live exactly as long as its holder wants (the run lock's), which no pool may retire, evict
   * or hand to someone else.
   *
   * @throws ConnectionFailedException as {@link #open} does, when no connection can be made
   */
  public static Connection connect(Endpoint endpoint) {
    Properties login = new Properties();
    login.setProperty("user", endpoint.user());
    if (!endpoint.password().isEmpty()) {
      login.setProperty("password", endpoint.password().reveal());
    }
    try {
      return DriverManager.getConnection(endpoint.jdbcUrl(), login);
    } catch (SQLException e) {
      throw ConnectionFailure.of(endpoint, e);
    }
  }

  /**
   * Session settings on the target. A role-level {@code statement_timeout} (some sites set one for
   * the Moodle role) would cut a long COPY or ANALYZE short. Copy sessions commit with {@code
   * synchronous_commit = off}: a chunk and its journal row stay consistent either way, a server
   * crash can only lose the last chunks (which the journal then shows as not done), and the
   * complete phase's ordinary commits flush everything before the run reports success.
   */
  private static String postgresSession(ConnectionRole role) {
    String common = "SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0";
    return role == ConnectionRole.TARGET_WRITE ? common + "; SET synchronous_commit = off" : common;
  }

  /**
   * The endpoint with the driver's socket timeout, unless the user set one: Connector/J's {@code
   * socketTimeout} is in milliseconds, pgjdbc's in seconds.
   */
  static Endpoint withSocketTimeout(Endpoint endpoint, ConnectionRole role, Duration timeout) {
    if (role == ConnectionRole.ADMIN || endpoint.parameters().containsKey("socketTimeout")) {
      return endpoint;
    }
    return endpoint.kind() == DatabaseKind.MYSQL
        ? endpoint.withParameter("socketTimeout", Long.toString(timeout.toMillis()))
        : endpoint.withParameter("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
  }

  private static String poolName(Endpoint endpoint, ConnectionRole role) {
    String side = endpoint.kind() == DatabaseKind.MYSQL ? "source" : "target";
    return side + "-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
