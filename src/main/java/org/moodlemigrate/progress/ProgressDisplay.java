package org.moodlemigrate.progress;

/**
 * A display of a copy's progress while it runs, whatever draws it; closing it ends the display (and
 * never fails: a display must not fail the copy it shows).
 */
public interface ProgressDisplay extends AutoCloseable {
  @Override
  void close();
}
