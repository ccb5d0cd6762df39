package org.moodlemigrate.journal;

/**
 * A row the run could not carry, or a value it carried changed under the value policy: what goes
 * into the journal with the chunk, and from there into the table's reject file.
 *
 * @param kind {@link Kind#REJECTED} (the row is not in the target) or {@link Kind#CHANGED} (the row
 *     is there, with this value changed)
 * @param key the row's key, {@code id=123}
 * @param column the source column
 * @param reason what was wrong, or what was done
 * @param excerpt a safe excerpt of the source value; null when not known
 */
public record RowIssue(Kind kind, String key, String column, String reason, String excerpt) {

  /** The two kinds, with their journal and file spelling. */
  public enum Kind {
    REJECTED("rejected"),
    CHANGED("changed");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Kind of(String label) {
      for (Kind k : values()) {
        if (k.label.equals(label)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown row issue kind " + label);
    }
  }
}
