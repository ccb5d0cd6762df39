package org.moodlemigrate.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;
import org.moodlemigrate.verify.ChunkResult;
import org.moodlemigrate.verify.Difference;

/**
 * The verification's results as workers on a cluster leave them for the driver, in the journal's
 * {@code verify_result} table of a real PostgreSQL: every field survives, a chunk verified twice
 * (a task run again) leaves one result, the latest, and the driver's read-back removes them.
 */
class VerifyResultsIT {
  private TestDatabase target;
  private HikariDataSource pool;

  @BeforeEach
  void journal() throws Exception {
    target = TestServers.postgresql().createDatabase("vr_tgt");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(target.jdbcUrl());
    config.setUsername(target.user());
    config.setPassword(target.password());
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    new Journal(pool, "mm_journal").migrate();
  }

  @AfterEach
  void drop() throws Exception {
    if (pool != null) {
      pool.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void resultsTravelThroughTheJournalWholeOncePerChunkAndAreRemoved() throws Exception {
    VerifyResults results = new VerifyResults.InTheJournal("token-1", "mm_journal");
    VerifyResults other = new VerifyResults.InTheJournal("token-2", "mm_journal");
    ChunkResult differing =
        new ChunkResult(
            3,
            "mdl_log [1000, 2000)",
            1000,
            999,
            "0123456789abcdef0123456789abcdef",
            "fedcba9876543210fedcba9876543210",
            1,
            2,
            1,
            List.of(new Difference("id=1500", Difference.MISSING)),
            null);
    ChunkResult failedFirst =
        new ChunkResult(0, "mdl_user", 0, 0, null, null, 0, 0, 0, List.of(), "connection lost");
    ChunkResult rerun = new ChunkResult(0, "mdl_user", 12, 12, "a", "a", 0, 0, 0, List.of(), null);
    results.put(pool, 7, differing);
    results.put(pool, 0, failedFirst);
    results.put(pool, 0, rerun);
    other.put(pool, 0, failedFirst);

    assertEquals(2, results.count(pool));
    assertEquals(Map.of(7, differing, 0, rerun), results.all(pool));
    results.forget(pool);
    assertEquals(0, results.count(pool));
    assertEquals(Map.of(0, failedFirst), other.all(pool), "another verification's results stay");
  }
}
