package org.moodlemigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge of two key-ordered row streams, on rows held in lists. */
class KeyedMergeTest {
  /** Rows in memory: key, then cells. */
  private static final class ListRows implements KeyedRows {
    private final List<Object[]> rows;
    private int at = -1;

    ListRows(List<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    public boolean next() {
      return ++at < rows.size();
    }

    @Override
    public long key() {
      return (Long) rows.get(at)[0];
    }

    @Override
    public byte[][] cells() {
      Object[] r = rows.get(at);
      byte[][] out = new byte[r.length - 1][];
      for (int i = 1; i < r.length; i++) {
        out[i - 1] = r[i] == null ? null : ((String) r[i]).getBytes(StandardCharsets.UTF_8);
      }
      return out;
    }
  }

  private static Object[] r(long key, String a, String b) {
    return new Object[] {key, a, b};
  }

  private static List<Object[]> rows(long from, long to) {
    List<Object[]> out = new ArrayList<>();
    for (long k = from; k <= to; k++) {
      out.add(r(k, "a" + k, k % 3 == 0 ? null : "b" + k));
    }
    return out;
  }

  private static ChunkResult merge(
      List<Object[]> source, List<Object[]> target, ChunkAnomalies anomalies) throws SQLException {
    return merge(source, target, anomalies, false);
  }

  private static ChunkResult merge(
      List<Object[]> source, List<Object[]> target, ChunkAnomalies anomalies, boolean unsigned)
      throws SQLException {
    KeyedMerge merge =
        new KeyedMerge(
            List.of("a", "b"),
            unsigned,
            k -> "id=" + (unsigned ? Long.toUnsignedString(k) : Long.toString(k)));
    return merge.run(
        3, "t[4/9 id 1..100)", new ListRows(source), new ListRows(target), () -> anomalies);
  }

  @Test
  void equalSidesMatchWithEqualChecksums() throws SQLException {
    ChunkResult r = merge(rows(1, 50), rows(1, 50), ChunkAnomalies.NONE);
    assertEquals(50, r.sourceRows());
    assertEquals(50, r.targetRows());
    assertEquals(r.sourceChecksum(), r.targetChecksum());
    assertEquals(0, r.unaccounted());
    assertEquals(0, r.accounted());
    assertEquals(List.of(), r.firstDifferences());
    assertEquals(3, r.number());
  }

  @Test
  void emptySidesMatch() throws SQLException {
    ChunkResult r = merge(List.of(), List.of(), ChunkAnomalies.NONE);
    assertEquals(0, r.sourceRows());
    assertEquals(r.sourceChecksum(), r.targetChecksum());
    assertEquals(0, r.unaccounted());
  }

  @Test
  void aRowMissingFromTheTargetIsNamed() throws SQLException {
    List<Object[]> target = rows(1, 50);
    target.remove(9); // id=10
    ChunkResult r = merge(rows(1, 50), target, ChunkAnomalies.NONE);
    assertEquals(List.of(new Difference("id=10", "missing from the target")), r.firstDifferences());
    assertEquals(1, r.unaccounted());
    assertEquals(49, r.targetRows());
    assertNotEquals(r.sourceChecksum(), r.targetChecksum());
  }

  @Test
  void missingRowsAtEitherEndAreNamed() throws SQLException {
    ChunkResult r = merge(rows(1, 10), rows(2, 9), ChunkAnomalies.NONE);
    assertEquals(
        List.of(
            new Difference("id=1", Difference.MISSING),
            new Difference("id=10", Difference.MISSING)),
        r.firstDifferences());
    ChunkResult empty = merge(rows(1, 3), List.of(), ChunkAnomalies.NONE);
    assertEquals(3, empty.unaccounted());
  }

  @Test
  void anExtraRowInTheTargetIsNamed() throws SQLException {
    List<Object[]> target = rows(1, 50);
    target.add(r(51, "x", "y"));
    target.add(0, r(-5, "x", "y"));
    ChunkResult r = merge(rows(1, 50), target, ChunkAnomalies.NONE);
    assertEquals(
        List.of(
            new Difference("id=-5", "extra row in the target"),
            new Difference("id=51", "extra row in the target")),
        r.firstDifferences());
    assertEquals(52, r.targetRows());
  }

  @Test
  void aChangedValueNamesTheKeyAndColumns() throws SQLException {
    List<Object[]> target = rows(1, 50);
    target.set(19, r(20, "changed", "b20"));
    target.set(29, r(30, "changed", "b30")); // id=30's b is NULL in the source
    ChunkResult r = merge(rows(1, 50), target, ChunkAnomalies.NONE);
    assertEquals(
        List.of(
            new Difference("id=20", "column a differs"),
            new Difference("id=30", "columns a, b differ")),
        r.firstDifferences());
    assertEquals(2, r.unaccounted());
  }

  @Test
  void nullAndEmptyDiffer() throws SQLException {
    List<Object[]> source = List.<Object[]>of(r(1, "", null));
    List<Object[]> target = List.<Object[]>of(r(1, null, ""));
    ChunkResult r = merge(source, target, ChunkAnomalies.NONE);
    assertEquals(List.of(new Difference("id=1", "columns a, b differ")), r.firstDifferences());
  }

  @Test
  void rowsTheRunRefusedAndValuesItChangedAreAccounted() throws SQLException {
    List<Object[]> target = rows(1, 50);
    target.set(19, r(20, "stripped", "b20")); // id=20 a changed
    target.remove(9); // id=10 refused
    ChunkAnomalies anomalies =
        ChunkAnomalies.builder().rejected("id=10").changed("id=20", "a").build();
    ChunkResult r = merge(rows(1, 50), target, anomalies);
    assertEquals(0, r.unaccounted());
    assertEquals(1, r.refused());
    assertEquals(1, r.changed());
    assertEquals(2, r.accounted());
    assertEquals(List.of(), r.firstDifferences());
  }

  @Test
  void anAnomalyOnlyAccountsForWhatItSays() throws SQLException {
    List<Object[]> target = rows(1, 50);
    target.set(19, r(20, "x", "y")); // both a and b differ; the run changed only a
    target.remove(9); // id=10 missing; the run changed a value there but did not refuse it
    ChunkAnomalies anomalies =
        ChunkAnomalies.builder().changed("id=20", "a").changed("id=10", "a").build();
    ChunkResult r = merge(rows(1, 50), target, anomalies);
    assertEquals(
        List.of(
            new Difference("id=10", Difference.MISSING),
            new Difference("id=20", "column b differs")),
        r.firstDifferences());
    assertEquals(0, r.accounted());
  }

  @Test
  void anExtraRowIsNeverAccounted() throws SQLException {
    List<Object[]> target = rows(1, 5);
    target.add(r(6, "x", "y"));
    ChunkResult r = merge(rows(1, 5), target, ChunkAnomalies.builder().rejected("id=6").build());
    assertEquals(List.of(new Difference("id=6", Difference.EXTRA)), r.firstDifferences());
  }

  @Test
  void onlyTheFirstFiveDifferencesAreKeptButAllAreCounted() throws SQLException {
    List<Object[]> target = new ArrayList<>();
    for (Object[] row : rows(1, 100)) {
      long k = (Long) row[0];
      target.add(k % 2 == 0 ? r(k, "other", (String) row[2]) : row);
    }
    ChunkResult r = merge(rows(1, 100), target, ChunkAnomalies.NONE);
    assertEquals(50, r.unaccounted());
    assertEquals(KeyedMerge.FIRST_DIFFERENCES, r.firstDifferences().size());
    assertEquals("id=2", r.firstDifferences().get(0).key());
    assertEquals("id=10", r.firstDifferences().get(4).key());
  }

  @Test
  void unsignedKeysMergeInUnsignedOrder() throws SQLException {
    long big = Long.parseUnsignedLong("18446744073709551615");
    List<Object[]> source = List.of(r(1, "a", "b"), r(big, "a", "b"));
    List<Object[]> target = List.of(r(1, "a", "b"), r(big, "a", "c"));
    ChunkResult r = merge(source, target, ChunkAnomalies.NONE, true);
    assertEquals(
        List.of(new Difference("id=18446744073709551615", "column b differs")),
        r.firstDifferences());
  }

  @Test
  void valuesNeverAppearInDifferences() throws SQLException {
    List<Object[]> target = rows(1, 3);
    target.set(0, r(1, "s3cr3t-hash", "b1"));
    ChunkResult r = merge(rows(1, 3), target, ChunkAnomalies.NONE);
    assertEquals(false, r.firstDifferences().toString().contains("s3cr3t"));
  }

  @Test
  void theJournalIsAskedOnlyWhenAChunkDiffersAndOnlyOnce() throws SQLException {
    int[] loads = {0};
    KeyedMerge merge = new KeyedMerge(List.of("a", "b"), false, k -> "id=" + k);
    KeyedMerge.AnomalyLoader loader =
        () -> {
          loads[0]++;
          return ChunkAnomalies.NONE;
        };
    merge.run(0, "t", new ListRows(rows(1, 20)), new ListRows(rows(1, 20)), loader);
    assertEquals(0, loads[0]);
    merge.run(0, "t", new ListRows(rows(1, 20)), new ListRows(rows(3, 18)), loader);
    assertEquals(1, loads[0]);
  }
}
