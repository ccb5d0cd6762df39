package org.moodlemigrate.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.journal.RowIssue;

/**
 * The per-chunk logs that spill to a file beyond a bound ({@link KeyLog}, {@link IssueSpool}) give
 * back exactly what went in, in order, on both sides of the bound, and again after a reset.
 */
class SpillTest {
  @Test
  void keysComeBackByLineOnBothSidesOfTheSpill() {
    Random random = new Random(7);
    try (KeyLog log = new KeyLog(100)) {
      for (int attempt = 0; attempt < 2; attempt++) {
        log.reset();
        long[] keys = new long[1_000];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = random.nextLong();
          log.add(keys[i]);
        }
        assertEquals(keys.length, log.size());
        for (int line = keys.length; line >= 1; line -= 7) {
          assertEquals(keys[line - 1], log.get(line), "line " + line);
        }
        log.add(42); // adding after reading back
        assertEquals(42, log.get(keys.length + 1));
      }
    }
  }

  @Test
  void issuesComeBackInOrderInBatchesAndByKind() throws Exception {
    List<RowIssue> all = new ArrayList<>();
    try (IssueSpool spool = new IssueSpool(10)) {
      for (int i = 0; i < 57; i++) {
        RowIssue issue =
            new RowIssue(
                i % 3 == 0 ? RowIssue.Kind.REJECTED : RowIssue.Kind.CHANGED,
                "id=" + i,
                "c",
                "reason " + i + " é😀",
                i % 5 == 0 ? null : "excerpt\t" + i);
        all.add(issue);
        spool.add(issue);
      }
      List<RowIssue> back = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      spool.forEachBatch(
          8,
          batch -> {
            sizes.add(batch.size());
            back.addAll(batch);
          });
      assertEquals(all, back);
      assertEquals(8, sizes.get(0));
      assertEquals(19, spool.rejected());
      assertEquals(38, spool.changed());
      List<RowIssue> rejected = new ArrayList<>();
      spool.rejectedOnly().forEachBatch(1000, rejected::addAll);
      assertEquals(all.stream().filter(i -> i.kind() == RowIssue.Kind.REJECTED).toList(), rejected);
    }
  }
}
