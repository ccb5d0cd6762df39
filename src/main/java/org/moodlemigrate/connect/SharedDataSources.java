package org.moodlemigrate.connect;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One pool per endpoint and role per JVM, shared by all DoFn instances that a runner creates.
 *
 * <p>A Beam runner may create many instances of the same DoFn (one per thread or per bundle on the
 * direct runner); each opening its own pool would multiply the connection count. DoFns {@link
 * #acquire} in {@code @Setup} and {@link #release} in {@code @Teardown}; the last release closes
 * the pool. {@link #closeAll()} is the driver's safety net after a pipeline finishes, for runners
 * that skip teardown.
 */
public final class SharedDataSources {
  private record Key(Endpoint endpoint, ConnectionRole role) {}

  private static final class Entry {
    final HikariDataSource dataSource;
    int users;

    Entry(HikariDataSource dataSource) {
      this.dataSource = dataSource;
    }
  }

  private static final Map<Key, Entry> POOLS = new HashMap<>();

  private SharedDataSources() {}

  public static synchronized DataSource acquire(
      Endpoint endpoint, ConnectionRole role, int size, Duration serverTimeout) {
    Entry entry =
        POOLS.computeIfAbsent(
            new Key(endpoint, role),
            k -> new Entry(DataSources.open(endpoint, role, size, serverTimeout)));
    entry.users++;
    return entry.dataSource;
  }

  public static synchronized void release(Endpoint endpoint, ConnectionRole role) {
    Key key = new Key(endpoint, role);
    Entry entry = POOLS.get(key);
    if (entry != null && --entry.users <= 0) {
      POOLS.remove(key);
      entry.dataSource.close();
    }
  }

  public static synchronized void closeAll() {
    POOLS.values().forEach(e -> e.dataSource.close());
    POOLS.clear();
  }
}
