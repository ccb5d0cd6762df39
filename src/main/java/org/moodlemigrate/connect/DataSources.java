package org.moodlemigrate.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Builds bounded HikariCP pools for an {@link Endpoint}.
 *
 * <p>Pools are bounded per side so that {@code --parallelism} translates into a known number of
 * server connections ({@code parallelism + 1} per side, the extra one for the driver's own work),
 * which the pre-flight checks compare with {@code max_connections}. Source pools are read-only at
 * the server ({@code SET SESSION TRANSACTION READ ONLY} through the driver), which is how the tool
 * guarantees it never writes to the source.
 */
public final class DataSources {
  private DataSources() {}

  /**
   * Opens a pool and checks that one connection can be made.
   *
   * @throws ConnectionFailedException naming the endpoint (never the password) when the server
   *     cannot be reached or refuses the login
   */
  public static HikariDataSource open(Endpoint endpoint, ConnectionRole role, int maxSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName(endpoint, role));
    config.setJdbcUrl(endpoint.jdbcUrl());
    config.setUsername(endpoint.user());
    if (!endpoint.password().isEmpty()) {
      config.setPassword(endpoint.password().reveal());
    }
    config.setMaximumPoolSize(Math.max(1, maxSize));
    config.setMinimumIdle(0);
    config.setConnectionTimeout(TimeUnit.MINUTES.toMillis(10));
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
      throw new ConnectionFailedException(endpoint, rootMessage(e));
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

  private static String poolName(Endpoint endpoint, ConnectionRole role) {
    String side = endpoint.kind() == DatabaseKind.MYSQL ? "source" : "target";
    return side + "-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static String rootMessage(Throwable t) {
    Throwable cause = t;
    String message = t.getMessage();
    while (cause != null) {
      if (cause instanceof SQLException && cause.getMessage() != null) {
        message = cause.getMessage();
      }
      cause = cause.getCause();
    }
    return message == null ? t.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
