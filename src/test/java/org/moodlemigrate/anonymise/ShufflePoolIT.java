package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/** {@link ShufflePool#load} on a real MariaDB/MySQL table: a keyed permutation of its values. */
class ShufflePoolIT {
  private static final String TABLE = "mdl_we`ird user";
  private static final int ROWS = 2_000;
  private static final List<String> CITIES =
      List.of("Perth", "Hobart", "Lyon", "Köln", "Ōsaka", "São Paulo", "", "Nairobi");

  private static TestDatabase db;
  private static final Map<Long, String> source = new HashMap<>();
  private final AnonymiseKeys keys = AnonymiseKeysTest.keys();

  @BeforeAll
  static void createTable() throws SQLException {
    db = TestServers.mysql().createDatabase("shuffle");
    try (Connection c = db.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE `mdl_we``ird user` (id BIGINT NOT NULL PRIMARY KEY, city VARCHAR(120)"
                + " NULL, code VARCHAR(10) NOT NULL) CHARACTER SET utf8mb4");
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO `mdl_we``ird user` VALUES (?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          long id = 7L + 5L * i; // gaps, as deletions leave them
          String city = i % 10 == 3 ? null : CITIES.get(i % CITIES.size()) + (i % 3);
          ps.setLong(1, id);
          ps.setString(2, city);
          ps.setString(3, "c" + i);
          ps.addBatch();
          source.put(id, city);
        }
        ps.executeBatch();
      }
    }
  }

  @AfterAll
  static void drop() throws SQLException {
    if (db != null) {
      db.close();
    }
  }

  private ShufflePool load(AnonymiseKeys k) throws SQLException {
    try (Connection c = db.connect()) {
      return ShufflePool.load(c, db.name(), TABLE, "id", "city", k);
    }
  }

  @Test
  void theNonNullValuesArePermutedOverTheRowsThatHaveOne() throws SQLException {
    ShufflePool pool = load(keys);
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    int moved = 0;
    for (Map.Entry<Long, String> row : source.entrySet()) {
      if (row.getValue() == null) {
        continue;
      }
      String shuffled = pool.valueFor(row.getKey());
      before.add(row.getValue());
      after.add(shuffled);
      if (!shuffled.equals(row.getValue())) {
        moved++;
      }
    }
    assertEquals(ROWS - ROWS / 10, pool.size());
    assertEquals(pool.size(), before.size());
    Collections.sort(before);
    Collections.sort(after);
    assertEquals(before, after, "the same multiset of values");
    // 24 distinct values: a row keeps its own by chance about 1 in 24 times
    assertTrue(moved > pool.size() * 8 / 10, moved + " of " + pool.size() + " moved");
  }

  @Test
  void theSameSecretGivesTheSamePermutationOnEveryLoad() throws SQLException {
    ShufflePool first = load(keys);
    ShufflePool second = load(AnonymiseKeysTest.keys());
    ShufflePool other = load(AnonymiseKeys.of(new byte[] {1, 2, 3}, null));
    boolean differs = false;
    for (long id : source.keySet()) {
      if (source.get(id) != null) {
        assertEquals(first.valueFor(id), second.valueFor(id));
        differs |= !first.valueFor(id).equals(other.valueFor(id));
      }
    }
    assertTrue(differs, "another secret, another permutation");
  }

  @Test
  void theBoundRuleReadsTheRowsKeyAndKeepsNull() throws SQLException {
    ColumnRule rule = RuleFiles.rule("city: {rule: shuffle}");
    ShufflePool pool = load(keys);
    ValueRule bound = rule.bindShuffle(keys, pool);
    long withCity = 7L;
    assertEquals(
        pool.valueFor(withCity),
        bound.apply(source.get(withCity), RuleFiles.row(Map.of("id", Long.toString(withCity)))));
    long withoutCity = 7L + 5L * 3;
    assertNull(source.get(withoutCity));
    assertNull(bound.apply(null, RuleFiles.row(Map.of("id", Long.toString(withoutCity)))));
    assertNotEquals(0, pool.size());
  }

  @Test
  void refusesAKeyThatIsNotAnInteger() throws SQLException {
    try (Connection c = db.connect()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> ShufflePool.load(c, db.name(), TABLE, "code", "city", keys));
      assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
    }
  }

  @Test
  void refusesTablesOfMoreThanFiveMillionRows() throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      // MariaDB's sequence engine: 5,000,001 rows without storing them
      assumeSequenceEngine(st);
      st.execute("CREATE VIEW big AS SELECT seq AS id, 'x' AS v FROM seq_1_to_5000001");
      SQLException e =
          assertThrows(
              SQLException.class, () -> ShufflePool.load(c, db.name(), "big", "id", "v", keys));
      assertTrue(e.getMessage().contains("5000001 rows, more than the 5000000"), e.getMessage());
    }
  }

  private static void assumeSequenceEngine(Statement st) throws SQLException {
    try (ResultSet rs =
        st.executeQuery(
            "SELECT COUNT(*) FROM information_schema.ENGINES WHERE ENGINE = 'SEQUENCE'"
                + " AND SUPPORT IN ('YES', 'DEFAULT')")) {
      rs.next();
      org.junit.jupiter.api.Assumptions.assumeTrue(
          rs.getInt(1) == 1, "the server has no SEQUENCE engine (MySQL, not MariaDB)");
    }
  }

  @Test
  void keptAccountsAreIrrelevantToAShuffle() {
    assertThrows(
        IllegalStateException.class,
        () -> RuleFiles.rule("city: {rule: shuffle}").bind(keys, Set.of("admin")));
  }
}
