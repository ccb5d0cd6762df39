package org.moodlemigrate.transforms;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.CopyTask;

/**
 * The copy pipeline's element: a task with the copy specs of its own tables, and of no other.
 *
 * <p>Why the specs travel with the elements and not with the DoFn: a runner serialises a DoFn far
 * more often than once. Beam's direct runner translates the {@code ParDo} to its portable form for
 * every bundle it starts ({@code ParDoEvaluatorFactory} asks for the side inputs and the schema
 * information, and each question serialises the DoFn and reads it back): with every table's spec
 * inside, that was 16 % of the tool's CPU on a 3-million-row site, the same again for each of the
 * ~500 tables of a Moodle site on every bundle. An element is encoded once on its way through the
 * {@code Reshuffle}, with the specs of a table or a few. On a distributed runner the job graph also
 * stays small however many tables the site has.
 *
 * @param task the chunks to copy
 * @param specs the spec of each table the task's chunks belong to, by source table name
 */
public record CopyWork(CopyTask task, Map<String, TableCopySpec> specs) implements Serializable {
  private static final long serialVersionUID = 1L;

  public CopyWork {
    specs = Map.copyOf(specs);
    for (Chunk c : task.chunks()) {
      if (!specs.containsKey(c.table())) {
        throw new IllegalArgumentException("no copy spec for table " + c.table());
      }
    }
  }

  /** Each task with the specs of its tables, taken from the job's. */
  public static List<CopyWork> of(List<CopyTask> tasks, CopyJob job) {
    return tasks.stream()
        .map(
            t -> {
              Map<String, TableCopySpec> specs = new LinkedHashMap<>();
              t.chunks().forEach(c -> specs.computeIfAbsent(c.table(), job::table));
              return new CopyWork(t, specs);
            })
        .toList();
  }

  public long rowsEstimate() {
    return task.rowsEstimate();
  }
}
