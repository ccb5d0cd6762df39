package org.moodlemigrate.verify;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The anomalies of one chunk (see {@link RunAnomalies}): which rows the run refused and which
 * values it changed, by the journal's row key ({@code id=42}) and source column name.
 */
public interface ChunkAnomalies {
  /** No anomalies. */
  ChunkAnomalies NONE = builder().build();

  /** Whether the run refused the row, so that its absence from the target is accounted for. */
  boolean rejected(String key);

  /** Whether the run changed this value of the row, so that a difference there is accounted for. */
  boolean changed(String key, String column);

  /** How many anomalies the chunk has (refused rows plus changed values). */
  int size();

  static Builder builder() {
    return new Builder();
  }

  /** Collects a chunk's anomalies, for instance from its journal rows. */
  final class Builder {
    private final Set<String> rejected = new HashSet<>();
    private final Map<String, Set<String>> changed = new HashMap<>();

    private Builder() {}

    /** The run refused the row with this key. */
    public Builder rejected(String key) {
      rejected.add(key);
      return this;
    }

    /** The run changed this column's value of the row with this key. */
    public Builder changed(String key, String column) {
      changed.computeIfAbsent(key, k -> new HashSet<>()).add(column);
      return this;
    }

    public ChunkAnomalies build() {
      Set<String> r = Set.copyOf(rejected);
      Map<String, Set<String>> c = new HashMap<>();
      changed.forEach((k, v) -> c.put(k, Set.copyOf(v)));
      int size = r.size() + c.values().stream().mapToInt(Set::size).sum();
      Map<String, Set<String>> frozen = Map.copyOf(c);
      return new ChunkAnomalies() {
        @Override
        public boolean rejected(String key) {
          return r.contains(key);
        }

        @Override
        public boolean changed(String key, String column) {
          Set<String> columns = frozen.get(key);
          return columns != null && columns.contains(column);
        }

        @Override
        public int size() {
          return size;
        }
      };
    }
  }
}
