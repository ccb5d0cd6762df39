package org.moodlemigrate.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Compares one chunk of a table with an integer key: walks both sides' rows in key order at once,
 * like a merge join, holding only the current row of each.
 *
 * <p>A key only on the source is a row missing from the target, accounted when the run refused it;
 * a key only on the target is an extra row, which nothing accounts for; a key on both with
 * differing cells is accounted when the run changed every one of those cells. Each side's rows also
 * go into an ordered {@link ContentDigest}, so the result carries the two chunk checksums and row
 * counts. Only the first {@value #FIRST_DIFFERENCES} unaccounted differences are kept, by key and
 * reason; the rest are counted.
 */
final class KeyedMerge {
  static final int FIRST_DIFFERENCES = 5;

  private final String[] columnNames;
  private final boolean unsignedKey;
  private final LongFunction<String> keyText;

  /**
   * @param columnNames the source names of the compared columns, in cell order
   * @param unsignedKey whether keys compare as unsigned 64-bit numbers
   * @param keyText names a row by its key as the journal does: {@code id=42}
   */
  KeyedMerge(List<String> columnNames, boolean unsignedKey, LongFunction<String> keyText) {
    this.columnNames = columnNames.toArray(String[]::new);
    this.unsignedKey = unsignedKey;
    this.keyText = keyText;
  }

  static KeyedMerge of(TableQueries table) {
    return new KeyedMerge(
        table.columns().stream().map(ColumnCanonicaliser::sourceColumn).toList(),
        table.unsignedKey(),
        table::keyText);
  }

  /** Reads a chunk's anomalies from the journal; only called once the chunk has a difference. */
  @FunctionalInterface
  interface AnomalyLoader {
    ChunkAnomalies load() throws SQLException;
  }

  /**
   * Merges the two sides.
   *
   * @param anomalies where the chunk's anomalies come from; asked at most once, and only when a row
   *     differs, so that a chunk that matches costs the journal nothing
   */
  ChunkResult run(
      int number, String range, KeyedRows source, KeyedRows target, AnomalyLoader anomalyLoader)
      throws SQLException {
    ChunkAnomalies anomalies = null;
    ContentDigest sourceDigest = ContentDigest.ordered();
    ContentDigest targetDigest = ContentDigest.ordered();
    List<Difference> first = new ArrayList<>();
    long refused = 0;
    long changed = 0;
    long unaccounted = 0;
    boolean s = source.next();
    boolean t = target.next();
    while (s || t) {
      int order =
          !t
              ? -1
              : !s
                  ? 1
                  : unsignedKey
                      ? Long.compareUnsigned(source.key(), target.key())
                      : Long.compare(source.key(), target.key());
      Difference difference = null;
      boolean isAccounted = false;
      boolean missing = false;
      if (order < 0) {
        sourceDigest.add(source.key(), source.cells());
        String key = keyText.apply(source.key());
        anomalies = anomalies == null ? anomalyLoader.load() : anomalies;
        isAccounted = anomalies.rejected(key);
        missing = true;
        difference = new Difference(key, Difference.MISSING);
        s = source.next();
      } else if (order > 0) {
        targetDigest.add(target.key(), target.cells());
        difference = new Difference(keyText.apply(target.key()), Difference.EXTRA);
        t = target.next();
      } else {
        byte[][] a = source.cells();
        byte[][] b = target.cells();
        sourceDigest.add(source.key(), a);
        targetDigest.add(target.key(), b);
        String key = null;
        List<String> unexplained = null;
        for (int i = 0; i < a.length; i++) {
          if (!Arrays.equals(a[i], b[i])) {
            key = key == null ? keyText.apply(source.key()) : key;
            anomalies = anomalies == null ? anomalyLoader.load() : anomalies;
            if (!anomalies.changed(key, columnNames[i])) {
              unexplained = unexplained == null ? new ArrayList<>() : unexplained;
              unexplained.add(columnNames[i]);
            }
          }
        }
        if (key != null) {
          isAccounted = unexplained == null;
          difference = new Difference(key, isAccounted ? "" : columnsDiffer(unexplained));
        }
        s = source.next();
        t = target.next();
      }
      if (isAccounted && missing) {
        refused++;
      } else if (isAccounted) {
        changed++;
      } else if (difference != null) {
        unaccounted++;
        if (first.size() < FIRST_DIFFERENCES) {
          first.add(difference);
        }
      }
    }
    return new ChunkResult(
        number,
        range,
        sourceDigest.rows(),
        targetDigest.rows(),
        sourceDigest.hex(),
        targetDigest.hex(),
        refused,
        changed,
        unaccounted,
        first,
        null);
  }

  static String columnsDiffer(List<String> columns) {
    return columns.size() == 1
        ? "column " + columns.get(0) + " differs"
        : "columns " + String.join(", ", columns) + " differ";
  }
}
